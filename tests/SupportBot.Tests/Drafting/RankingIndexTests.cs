using Npgsql;
using SupportBot.Cli;
using SupportBot.Data;
using SupportBot.Drafting.Retrieval;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>The optional RUM ranking index: created where the server has it, and retrieval works without it too.</summary>
public sealed class RankingIndexTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_migration_creates_the_rum_index_where_the_extension_is_installed()
    {
        var available = await stack.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum')");
        Assert.True(available, "scripts/install-prerequisites.sh installs postgresql-<version>-rum");

        Assert.True(await stack.ScalarAsync<bool>(RankingIndex.ExistsSql));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Retrieval_finds_the_same_tickets_with_and_without_the_rum_index(bool withRum)
    {
        var connectionString = await stack.CreateDatabaseAsync("rank");
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.Equal(0, await SupportBotCli.InvokeAsync(["db", "migrate", "--database", connectionString], output, error, Ct));
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        if (!withRum)
        {
            await using var drop = dataSource.CreateCommand(RankingIndex.DropSql);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        Guid[] ids = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
        string[] bodies = ["Webhook deliveries fail with a timeout", "The webhook signature does not verify", "Invoice shows the wrong VAT number"];
        for (var i = 0; i < ids.Length; i++)
        {
            await using var insert = dataSource.CreateCommand("""
                INSERT INTO tickets (id, external_id, source, category, subject, body, language, created_at, sent_reply, escalated, tags, content_hash, updated_at)
                VALUES ($1, $2, 'historical', 'integrations', 'Question', $3, 'en', now(), 'Hi, here is how.', false, '{}', 'x', now())
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = ids[i] });
            insert.Parameters.Add(new NpgsqlParameter { Value = $"rank-{i}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = bodies[i] });
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var hits = await new Retriever(dataSource).SimilarTicketsAsync(new RetrievalQuery("Our webhook deliveries time out", "en"), Ct);

        Assert.Equal(ids[0], hits[0].Id);
        Assert.DoesNotContain(hits, h => h.Id == ids[2]);
    }
}

/// <summary>A large import drops the RUM index and builds it again at the end (row-by-row maintenance is six times slower).</summary>
public sealed class LargeImportRankingIndexTests(StackFixture stack)
{
    [Fact]
    public async Task A_large_import_ends_with_the_rum_index_in_place_and_every_ticket_searchable()
    {
        var connectionString = await stack.CreateDatabaseAsync("large");
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.Equal(0, await SupportBotCli.InvokeAsync(["db", "migrate", "--database", connectionString], output, error, TestContext.Current.CancellationToken));
        }

        var file = Path.Combine(Path.GetTempPath(), $"large-{Guid.NewGuid():N}.jsonl");
        var filler = string.Join(' ', Enumerable.Repeat("details about the workspace and the board settings", 20));
        await using (var writer = new StreamWriter(file))
        {
            for (var i = 0; i < 22_000; i++)
            {
                await writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                {
                    id = $"L-{i}", subject = $"Question {i}", body = $"word{i} {filler}", answer = "Hi, here is how.", category = "how-to",
                }));
            }
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        async Task<uint?> IndexOidAsync()
        {
            await using var oid = dataSource.CreateCommand($"SELECT to_regclass('{RankingIndex.Name}')::oid");
            return await oid.ExecuteScalarAsync(TestContext.Current.CancellationToken) as uint?;
        }

        try
        {
            Assert.True(new FileInfo(file).Length >= RankingIndex.RebuildAboveBytes);
            var before = await IndexOidAsync();
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exitCode = await SupportBotCli.InvokeAsync(["import", "tickets", file, "--database", connectionString], output, error, TestContext.Current.CancellationToken);

            Assert.True(exitCode == 0, error.ToString());
            var after = await IndexOidAsync();
            Assert.NotNull(before);
            Assert.NotNull(after);
            Assert.NotEqual(before, after);
            var hits = await new Retriever(dataSource).SimilarTicketsAsync(new RetrievalQuery("word21999 board", "en"), TestContext.Current.CancellationToken);
            Assert.Equal("L-21999", hits[0].ExternalId);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
