using System.Text.Json;
using Npgsql;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Evaluation;

/// <summary>
/// `datasets propose|accept` on a database of its own holding exactly the demo history and help
/// articles, so counts are exact while other tests add tickets to the shared one.
/// </summary>
public sealed class DatasetProposalCliTests(StackFixture stack)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static string? _demoDatabase;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Propose_covers_every_resolved_demo_ticket_in_proposals_of_all_six_categories()
    {
        var database = await DemoDatabaseAsync();

        var batch = await ProposeAsync(database);

        Assert.Equal(DemoHistory.Tickets.Count, batch.ResolvedTickets);
        Assert.Equal(batch.ResolvedTickets, batch.Proposals.Sum(p => p.Size));
        Assert.True(batch.Proposals.Select(p => p.Category).Distinct().Count() >= 6);
        Assert.All(batch.Proposals, p =>
        {
            Assert.StartsWith(p.Category + ": ", p.Name);
            Assert.Equal("terms", p.NamedBy);
            Assert.NotEmpty(p.TopTerms);
            Assert.InRange(p.ExampleSubjects.Count, 1, 3);
        });
        var ticketIds = await TicketIdsAsync(database, batch.BatchId);
        Assert.Equal(ticketIds.Count, ticketIds.Distinct().Count());
    }

    [Fact]
    public async Task Propose_prints_a_table_with_names_sizes_and_terms()
    {
        var (exitCode, output, _) = await RunAsync("datasets", "propose", "--database", await DemoDatabaseAsync());

        Assert.Equal(0, exitCode);
        Assert.Contains("top terms", output);
        Assert.Contains("billing: ", output);
        Assert.Contains($"from {DemoHistory.Tickets.Count} resolved tickets", output);
    }

    [Fact]
    public async Task Accept_creates_a_dataset_whose_version_1_items_are_the_proposals_tickets()
    {
        var database = await DemoDatabaseAsync();
        var proposal = (await ProposeAsync(database)).Proposals.First(p => p.Category == "billing");

        var (exitCode, output, error) = await RunAsync("datasets", "accept", proposal.Id.ToString(), "--json", "--database", database);

        Assert.True(exitCode == 0, error);
        var accepted = Assert.Single(JsonSerializer.Deserialize<List<AcceptedDatasetView>>(output, Json)!);
        Assert.Equal(1, accepted.Version);
        Assert.Equal(proposal.Size, accepted.ItemCount);
        Assert.StartsWith(proposal.Name, accepted.Name);

        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*) FILTER (WHERE i.subject = t.subject AND i.body = t.body AND i.expected_output = t.sent_reply
                                      AND i.expected_handoff = t.escalated AND i.language = t.language AND i.category = 'billing'
                                      AND i.added_in_version = 1 AND i.metadata ->> 'priority' IS NOT DISTINCT FROM t.priority),
                   count(*) FILTER (WHERE i.expected_article_slug IS NOT NULL),
                   (SELECT accepted_dataset_id FROM dataset_proposals WHERE id = $2)
            FROM dataset_items i JOIN tickets t ON t.id = i.source_ticket_id
            WHERE i.dataset_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = accepted.DatasetId });
        command.Parameters.Add(new NpgsqlParameter { Value = proposal.Id });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        Assert.Equal(proposal.Size, reader.GetInt64(0));
        // Almost every demo reply links an article (327 of 349).
        Assert.True(reader.GetInt64(1) >= proposal.Size / 2);
        Assert.Equal(accepted.DatasetId, reader.GetGuid(2));

        var (again, _, againError) = await RunAsync("datasets", "accept", proposal.Id.ToString(), "--database", database);
        Assert.Equal(1, again);
        Assert.Contains("already accepted", againError);
    }

    [Fact]
    public async Task An_accept_that_fails_part_way_creates_no_dataset_at_all()
    {
        var database = await DemoDatabaseAsync();
        var proposals = (await ProposeAsync(database)).Proposals;
        var (first, second) = (proposals[0], proposals[1]);
        await using var dataSource = NpgsqlDataSource.Create(database);
        var datasetsBefore = await CountDatasetsAsync(dataSource);
        // Marking the second proposal fails, after the first dataset was written in the same accept.
        await using (var trigger = dataSource.CreateCommand($$"""
            CREATE FUNCTION fail_accept() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
            CREATE TRIGGER fail_accept BEFORE UPDATE ON dataset_proposals FOR EACH ROW WHEN (OLD.id = '{{second.Id}}') EXECUTE FUNCTION fail_accept();
            """))
        {
            await trigger.ExecuteNonQueryAsync(Ct);
        }

        try
        {
            var (exitCode, _, _) = await RunAsync("datasets", "accept", first.Id.ToString(), second.Id.ToString(), "--database", database);

            Assert.NotEqual(0, exitCode);
            Assert.Equal(datasetsBefore, await CountDatasetsAsync(dataSource));
            await using var open = dataSource.CreateCommand($"SELECT count(*) FROM dataset_proposals WHERE id IN ('{first.Id}', '{second.Id}') AND accepted_dataset_id IS NULL");
            Assert.Equal(2L, await open.ExecuteScalarAsync(Ct));
        }
        finally
        {
            await using var drop = dataSource.CreateCommand("DROP TRIGGER fail_accept ON dataset_proposals; DROP FUNCTION fail_accept();");
            await drop.ExecuteNonQueryAsync(Ct);
        }
    }

    private static async Task<long> CountDatasetsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM datasets");
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task Accept_all_single_makes_one_dataset_of_every_open_proposal_of_the_latest_batch()
    {
        var database = await DemoDatabaseAsync();
        // Tests of one class run one after another (xunit), so the latest batch is this one.
        var batch = await ProposeAsync(database);

        var (exitCode, output, error) = await RunAsync("datasets", "accept", "--all", "--single", "--json", "--database", database);

        Assert.True(exitCode == 0, error);
        var accepted = Assert.Single(JsonSerializer.Deserialize<List<AcceptedDatasetView>>(output, Json)!);
        Assert.Equal(DemoHistory.Tickets.Count, accepted.ItemCount);
        Assert.Equal(batch.Proposals.Select(p => p.Id).Order(), accepted.ProposalIds.Order());
        Assert.StartsWith("all resolved tickets", accepted.Name);
        var (again, _, againError) = await RunAsync("datasets", "accept", "--all", "--database", database);
        Assert.Equal(1, again);
        Assert.Contains("already accepted", againError);
    }

    [Fact]
    public async Task Unknown_or_malformed_proposal_ids_are_one_line_errors_with_exit_1()
    {
        var database = await DemoDatabaseAsync();
        var unknown = Guid.NewGuid();

        var (exitCode, _, error) = await RunAsync("datasets", "accept", unknown.ToString(), "--database", database);
        var (badCode, _, badError) = await RunAsync("datasets", "accept", "not-an-id", "--database", database);
        var (noneCode, _, noneError) = await RunAsync("datasets", "accept", "--database", database);

        Assert.Equal(1, exitCode);
        Assert.Equal($"supportbot: no dataset proposal with id {unknown}", error.Trim());
        Assert.Equal(1, badCode);
        Assert.Contains("'not-an-id' is not a proposal id", badError);
        Assert.Equal(1, noneCode);
        Assert.Contains("--all", noneError);
    }

    [Fact]
    public async Task Propose_without_resolved_tickets_says_so_and_exits_1()
    {
        var empty = await stack.CreateDatabaseAsync("noresolved");
        Assert.Equal(0, (await RunAsync("db", "migrate", "--database", empty)).ExitCode);

        var (exitCode, _, error) = await RunAsync("datasets", "propose", "--database", empty);

        Assert.Equal(1, exitCode);
        Assert.Contains("no resolved historical tickets", error);
    }

    private static async Task<DatasetProposalBatch> ProposeAsync(string database)
    {
        var (exitCode, output, error) = await RunAsync("datasets", "propose", "--json", "--database", database);
        Assert.True(exitCode == 0, error);
        return JsonSerializer.Deserialize<DatasetProposalBatch>(output, Json)!;
    }

    private static async Task<List<Guid>> TicketIdsAsync(string database, Guid batchId)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT unnest(ticket_ids) FROM dataset_proposals WHERE batch_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = batchId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<string> DemoDatabaseAsync()
    {
        await Setup.WaitAsync(Ct);
        try
        {
            if (_demoDatabase is null)
            {
                var database = await stack.CreateDatabaseAsync("proposals");
                Assert.Equal(0, (await RunAsync("db", "migrate", "--database", database)).ExitCode);
                var tickets = Path.Combine(Path.GetDirectoryName(DemoHistory.ArticlesFolder)!, "tickets.jsonl");
                Assert.Equal(0, (await RunAsync("import", "tickets", tickets, "--database", database)).ExitCode);
                Assert.Equal(0, (await RunAsync("index", "refresh", "--path", DemoHistory.ArticlesFolder, "--database", database)).ExitCode);
                _demoDatabase = database;
            }

            return _demoDatabase;
        }
        finally
        {
            Setup.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync(args, output, error, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
