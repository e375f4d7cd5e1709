using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>A draft citing an article that then gets a new version is marked and counted (the stale-article loop).</summary>
public sealed class OutdatedCitationTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_article_version_marks_drafts_that_cite_the_old_one_once()
    {
        var word = $"qz{Guid.NewGuid():N}"[..12];
        var category = $"stale-{Guid.NewGuid():N}"[..14];
        var slug = $"stale-{word}";
        using var manager = stack.ApiClient(Roles.Manager);
        using var integration = stack.ApiClient(Roles.Integration);
        await UpsertAsync(manager, slug, word, $"To use {word}, open the Export dialog under File and press {word} export.");
        using (var history = await integration.PostAsJsonAsync("/api/tickets/import",
            new[] { new TicketImportItem($"{word}-h", $"{word} export", $"Where is the {word} export?", $"Hi, open File > Export and press {word}.", category, "en") }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        }

        using var ticket = await integration.PostAsJsonAsync("/api/tickets",
            new { externalId = $"{word}-live", subject = $"{word} export missing", body = $"I cannot find the {word} export dialog.", category }, Ct);
        Assert.Equal(HttpStatusCode.Created, ticket.StatusCode);
        var draft = await ticket.ReadJsonAsync();
        var traceId = draft.GetProperty("traceId").GetString()!;
        Assert.Contains(draft.GetProperty("citations").EnumerateArray(), c => c.GetProperty("slug").GetString() == slug && c.GetProperty("version").GetInt32() == 1);
        Assert.Equal(0L, await OutdatedScoresAsync(traceId));

        await UpsertAsync(manager, slug, word, $"To use {word}, open Settings > Data and press {word} export. The File menu no longer has it.");
        await UpsertAsync(manager, slug, word, $"To use {word}, open Settings > Data > {word} export.");

        Assert.Equal(1L, await OutdatedScoresAsync(traceId));
        // Marked once, when v2 made v1 stale: the comment says so; v3 adds no second score.
        Assert.Contains($"{slug} v1 (current v2)", await stack.ScalarAsync<string>(
            "SELECT comment FROM scores WHERE trace_id = $1 AND name = 'cites_outdated_article'", traceId));

        using var agent = stack.ApiClient(Roles.Agent);
        var report = await agent.GetFromJsonAsync<OutdatedCitationReport>($"/api/outdated-citations?category={category}", Ct);
        var counted = Assert.Single(report!.Categories);
        Assert.Equal((category, 1), (counted.Category, counted.Drafts));
        Assert.Equal(new OutdatedCitationArticle(slug, 1, 3, 1), Assert.Single(counted.Articles));
    }

    private Task<long> OutdatedScoresAsync(string traceId) =>
        stack.ScalarAsync<long>("SELECT count(*) FROM scores WHERE trace_id = $1 AND name = 'cites_outdated_article'", traceId);

    private static async Task UpsertAsync(HttpClient manager, string slug, string word, string body)
    {
        using var response = await manager.PostAsJsonAsync("/api/help-articles",
            new { slug, title = $"Exporting with {word}", url = $"https://help.example.com/{slug}", body }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"upsert: {(int)response.StatusCode}");
    }
}
