using System.Net.Http.Json;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data.HelpCenter;
using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Retrieval;
using SupportBot.Hosting;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// The demo knowledge base the AppHost loads on first start (the fixture starts the same model):
/// retrieval and classification quality measured leave-one-out, and drafts on realistic tickets.
/// </summary>
public sealed class DemoKnowledgeTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record DemoTicket(Guid Id, string Category, string[] Tags, string Subject, string Body, string Language);

    [Fact]
    public async Task The_demo_knowledge_base_is_loaded_into_the_empty_database_on_first_start()
    {
        Assert.True(await ScalarAsync("SELECT count(*) FROM tickets WHERE external_id LIKE 'TL-%' AND source = 'historical'") >= 300);
        Assert.True(await ScalarAsync("SELECT count(DISTINCT category) FROM tickets WHERE external_id LIKE 'TL-%'") >= 6);
        Assert.True(await ScalarAsync("SELECT count(*) FROM help_articles WHERE url LIKE 'https://help.tasklane.example/%'") >= 25);
        Assert.True(await ScalarAsync("SELECT count(*) FROM tickets WHERE external_id LIKE 'TL-%' AND language <> 'en'") >= 15);
    }

    [Fact]
    public void Every_demo_help_article_parses()
    {
        var folder = Path.Combine(AppHostOptions.FindRepositoryRoot(), "data", "demo", "help-articles");

        var contents = MarkdownArticleFolder.Read(folder);

        Assert.Empty(contents.Errors.Select(e => $"{e.File}: {e.Reason}"));
        Assert.Equal(Directory.GetFiles(folder, "*.md").Length, contents.Articles.Count);
    }

    [Fact]
    public async Task A_held_out_ticket_finds_its_near_duplicates()
    {
        var tickets = await DemoTicketsAsync();
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        var retriever = new Retriever(dataSource);
        int sameCategoryFirst = 0, nearDuplicateInTop3 = 0;
        foreach (var ticket in tickets)
        {
            var hits = await retriever.SimilarTicketsAsync(
                new RetrievalQuery($"{ticket.Subject}\n{ticket.Body}", ticket.Language, Limit: 3) { ExcludeTicketIds = [ticket.Id] }, Ct);
            var byId = tickets.ToDictionary(t => t.Id);
            var demoHits = hits.Where(h => byId.ContainsKey(h.Id)).Select(h => byId[h.Id]).ToList();
            sameCategoryFirst += demoHits.FirstOrDefault()?.Category == ticket.Category ? 1 : 0;
            nearDuplicateInTop3 += demoHits.Any(h => h.Category == ticket.Category && h.Tags.Intersect(ticket.Tags).Any()) ? 1 : 0;
        }

        var top1 = (double)sameCategoryFirst / tickets.Count;
        var top3 = (double)nearDuplicateInTop3 / tickets.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"{tickets.Count} held-out tickets: top-1 same category {top1:P1}, near-duplicate (same category and a shared tag) in top 3 {top3:P1}");
        // Measured 59.9 % / 72.8 % (GIN ranking) and 59.0 % / 72.5 % (RUM); a brute-force comparison against every ticket (plain or IDF-weighted
        // lexeme cosine) reaches the same 58-60 % / 71-73 %, so the index loses nothing and these floors
        // catch a regression. Categories in the demo data overlap on purpose (importing is how-to and
        // troubleshooting); docs/benchmarks.md has the numbers.
        Assert.True(top1 >= 0.55, $"top-1 same category {top1:P1}");
        Assert.True(top3 >= 0.68, $"near-duplicate in top 3 {top3:P1}");
    }

    [Fact]
    public async Task Leave_one_out_classification_agrees_with_the_recorded_category()
    {
        var tickets = await DemoTicketsAsync();
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        var retriever = new Retriever(dataSource);
        var classifier = new NearestNeighbourClassifier();
        var correct = 0;
        foreach (var ticket in tickets)
        {
            var neighbours = await retriever.SimilarTicketsAsync(
                new RetrievalQuery($"{ticket.Subject}\n{ticket.Body}", ticket.Language, Limit: 5) { ExcludeTicketIds = [ticket.Id] }, Ct);
            var decision = await classifier.ClassifyAsync(ticket.Subject, ticket.Body, neighbours, Ct);
            correct += decision.Category == ticket.Category ? 1 : 0;
        }

        var accuracy = (double)correct / tickets.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"leave-one-out classification accuracy {accuracy:P1} over {tickets.Count} tickets");
        // Measured 63.6 % (GIN) and 64.8 % (RUM); a brute-force k-NN over all tickets: 62.8 %. See the retrieval note above.
        Assert.True(accuracy >= 0.58, $"accuracy {accuracy:P1}");
    }

    [Fact]
    public async Task A_refund_question_within_policy_gets_a_grounded_draft_citing_the_refund_policy()
    {
        using var integration = stack.ApiClient(Roles.Integration);

        var draft = await (await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest(
            null, "Refund for our annual plan",
            "Hello, we bought the annual Team plan three days ago by mistake. Can we get a refund of the annual charge?",
            CustomerName: "Priya"), Ct)).Content.ReadFromJsonAsync<TicketDraftResponse>(Ct);

        Assert.False(draft!.Handoff, draft.HandoffReason);
        Assert.Equal("billing", draft.Category);
        Assert.StartsWith("Hi Priya,", draft.Text);
        Assert.Contains(draft.Citations, c => c.Slug == "refund-policy");
    }

    [Fact]
    public async Task A_bug_like_the_escalated_ones_is_handed_off_to_a_human()
    {
        using var integration = stack.ApiClient(Roles.Integration);

        var draft = await (await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest(
            null, "Board not loading at all",
            "Our main board does not load anymore, it just shows a spinner and then an error. Other boards work. This is blocking the whole team.",
            Language: "en"), Ct)).Content.ReadFromJsonAsync<TicketDraftResponse>(Ct);

        Assert.True(draft!.Handoff);
        Assert.Contains("escalation", draft.HandoffReason);
    }

    private async Task<List<DemoTicket>> DemoTicketsAsync()
    {
        await using var connection = new NpgsqlConnection(stack.Postgres.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT id, category, tags, subject, body, language FROM tickets WHERE external_id LIKE 'TL-%' ORDER BY external_id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var tickets = new List<DemoTicket>();
        while (await reader.ReadAsync(Ct))
        {
            tickets.Add(new DemoTicket(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return tickets;
    }

    private Task<long> ScalarAsync(string sql) => stack.ScalarAsync<long>(sql);
}
