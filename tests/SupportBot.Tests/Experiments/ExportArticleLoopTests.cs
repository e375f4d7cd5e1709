using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Data.Datasets;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>
/// The seed's loop end to end (issue 4 item 7): the help center's export article describes the old
/// dialog while the team's replies describe the new flow. An experiment shows the export items
/// poorly grounded; updating the article and running again improves exactly those items, and the
/// comparison says so. The dataset is the demo's troubleshooting tickets; the export items carry
/// made-up words of the test's own, shared only with its own copy of the article, so
/// the shared demo article is never touched and parallel tests' articles cannot take the citation.
/// </summary>
public sealed class ExportArticleLoopTests(StackFixture stack)
{
    private const string Metric = "article_support";
    /// <summary>The demo article's steps, condensed: the old dialog.</summary>
    private const string OldFlow =
        """
        Only workspace owners and admins can export. Click your workspace name in the top-left corner and open Settings.
        Go to Settings → Workspace → Data and click Export CSV. The file downloads immediately to your browser's download
        folder. There is a single export button; the file always contains every board. If the Export CSV button is greyed
        out, you are not an admin of the workspace.
        """;

    /// <summary>The article as support would rewrite it: the new flow the replies describe.</summary>
    private const string NewFlow =
        """
        Exports moved to Reports → Export. Choose CSV or XLSX (Excel), optionally select boards in the board filter, and
        click Export. The file is prepared in the background: instead of downloading straight away, we email you a download
        link within a few minutes from no-reply@tasklane.example; check your inbox and spam. The link stays valid for 7 days;
        if it has run out, start a new export and a fresh link will be emailed. Exports of more than 50,000 rows are split
        into several files, and the email lists all parts. Only workspace admins and owners can export; members ask an admin
        or get the admin role. The old instant download under Settings → Workspace → Data no longer exists.
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Updating_the_stale_export_article_improves_exactly_the_export_items()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..10];
        var words = string.Join(' ', Enumerable.Range(0, 2).Select(i => $"{marker}{(char)('a' + i)}"));
        // The demo category: the same-category boost is what lets the embedded drafter trust the export neighbours.
        const string category = "troubleshooting";
        var exportTickets = (await ExportTicketIdsAsync()).ToHashSet();
        using var manager = stack.ApiClient(Roles.Manager);
        await UpsertArticleAsync(manager, marker, category, $"{OldFlow}\n{words}");
        var dataset = await CreateDatasetAsync(marker, exportTickets, words);
        var items = (await manager.GetFromJsonAsync<List<DatasetItemView>>($"/api/datasets/{dataset}/versions/1/items", Ct))!;
        var exportItems = items.Where(i => exportTickets.Contains(i.SourceTicketId!.Value)).Select(i => i.Id).ToHashSet();
        Assert.Equal(16, exportItems.Count);

        var before = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(dataset.ToString(), Label: "production"));
        await UpsertArticleAsync(manager, marker, category, $"{NewFlow}\n{words}");
        var after = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(dataset.ToString(), Label: "production"));
        var comparison = (await manager.GetFromJsonAsync<ExperimentComparison>($"/api/experiments/compare?a={before.Id}&b={after.Id}", Ct))!;

        var beforeScores = await ScoresAsync(manager, before.Id);
        // Article support needs a cited article: export items that hand off or cite nothing have no score.
        var graded = exportItems.Count(beforeScores.ContainsKey);
        var beforeItems = (await manager.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{before.Id}/items", Ct))!;
        Assert.True(graded >= 8, $"export items graded on {Metric}: {graded}\n" + string.Join("\n", beforeItems.Where(i => exportItems.Contains(i.ItemId)).Select(i => $"{i.Handoff} {i.Output.Replace('\n', ' ')[..Math.Min(300, i.Output.Length)]}")));
        var exportMean = exportItems.Where(beforeScores.ContainsKey).Average(i => beforeScores[i]);
        var otherMean = beforeScores.Where(s => !exportItems.Contains(s.Key)).Average(s => s.Value);
        Assert.True(exportMean < otherMean, $"before the fix, export items ({exportMean:0.00}) should be less supported by their article than the rest ({otherMean:0.00})");

        var improved = comparison.Improved.Where(c => c.Metric == Metric).Select(c => c.ItemId).ToHashSet();
        var afterScores = await ScoresAsync(manager, after.Id);
        var afterItems = (await manager.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{after.Id}/items", Ct))!.ToDictionary(i => i.ItemId);
        var detail = string.Join("\n", exportItems.Select(i => $"{beforeScores.GetValueOrDefault(i, -1):0.00} -> {afterScores.GetValueOrDefault(i, -1):0.00} {afterItems[i].Output.Replace('\n', ' ')[..Math.Min(400, afterItems[i].Output.Length)]}"));
        // Some export questions still cite the shared demo article (left stale on purpose, other tests read it); those cannot improve.
        Assert.True(improved.Count(exportItems.Contains) * 2 >= graded, $"export items improved: {improved.Count(exportItems.Contains)} of {graded} graded\n{detail}");
        Assert.True(improved.Count(i => !exportItems.Contains(i)) <= 2, $"non-export items improved: {improved.Count(i => !exportItems.Contains(i))}");
        // Tests running in parallel add tickets between the two runs, so an item may now and then draft from another neighbour.
        Assert.True(comparison.Regressed.Count(c => c.Metric == Metric) <= 2, $"regressed: {string.Join(", ", comparison.Regressed.Where(c => c.Metric == Metric).Select(c => c.Subject))}");
        // Where an export item drafted the same reply both times, only the article changed: its support must have risen.
        var stable = exportItems.Where(i => beforeScores.ContainsKey(i) && afterScores.ContainsKey(i)
            && beforeItems.Single(b => b.ItemId == i).Output == afterItems[i].Output).ToList();
        Assert.True(stable.Count >= 5, $"export items drafted identically in both runs: {stable.Count}\n{detail}");
        Assert.All(stable, i => Assert.True(afterScores[i] > beforeScores[i], $"{beforeScores[i]:0.00} -> {afterScores[i]:0.00}: {afterItems[i].Subject}"));
        Assert.Contains(comparison.Deltas, d => d.Metric == Metric && d.Category is null);
        Assert.DoesNotContain($"B worse on {Metric}", comparison.Verdict);
        var example = comparison.Improved.First(c => c.Metric == Metric && exportItems.Contains(c.ItemId));
        Assert.Contains("Reports", example.OutputA);
        Assert.Contains("Reports", example.OutputB);
    }

    private static async Task<Dictionary<Guid, double>> ScoresAsync(HttpClient client, Guid runId) =>
        (await client.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{runId}/items", Ct))!
            .Where(i => i.Scores.TryGetValue(Metric, out var v) && v is not null)
            .ToDictionary(i => i.ItemId, i => i.Scores[Metric]!.Value);

    private static async Task UpsertArticleAsync(HttpClient manager, string marker, string category, string body)
    {
        using var response = await manager.PostAsJsonAsync("/api/help-articles", new UpsertHelpArticleRequest(
            $"export-data-{marker}", "Exporting your workspace data", body, $"https://help.tasklane.example/articles/export-data-{marker}", category, "en"), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"upsert: {response.StatusCode}");
    }

    /// <summary>
    /// The demo's troubleshooting tickets as a dataset; the export-new-flow items get the test's own category and words
    /// (their source ticket stays the demo ticket, excluded from retrieval as in any run).
    /// </summary>
    private async Task<Guid> CreateDatasetAsync(string marker, HashSet<Guid> exportTickets, string words)
    {
        await using var host = new DraftingHost(stack);
        await using var scope = host.CreateScope();
        var items = await scope.ServiceProvider.GetRequiredService<DatasetItemSources>().FromTicketsAsync(new TicketSelection(Category: "troubleshooting"), Ct);
        var marked = items.Select(i => exportTickets.Contains(i.SourceTicketId!.Value) ? i with { Body = $"{i.Body}\n{words}" } : i).ToList();
        var change = await scope.ServiceProvider.GetRequiredService<DatasetStore>().CreateAsync($"troubleshooting-{marker}", "", null, marked, "export loop test", Ct);
        return change.DatasetId;
    }

    private async Task<List<Guid>> ExportTicketIdsAsync()
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        await using var command = source.CreateCommand(
            "SELECT id FROM tickets WHERE external_id LIKE 'TL-%' AND category = 'troubleshooting' AND 'export-new-flow' = ANY(tags)");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
