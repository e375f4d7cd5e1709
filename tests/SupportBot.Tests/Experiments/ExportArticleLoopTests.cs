using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Hosting;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>
/// The seed's loop end to end (issue 4 item 7): the help center's export article describes the old
/// dialog while the team's replies describe the new flow. An experiment shows the export items
/// poorly grounded; updating the article and running again improves exactly those items, and the
/// comparison says so. The test works on its own copy of the troubleshooting tickets (in a category
/// of its own) and its own copy of the article, so the shared demo article is never touched.
/// </summary>
public sealed class ExportArticleLoopTests(StackFixture stack)
{
    private const string Metric = "grounding";
    /// <summary>The article as support would rewrite it: the demo article with the new flow the replies describe.</summary>
    private const string NewFlow =
        """
        You can export all tasks in your workspace to a CSV or XLSX file, for example to build your own reports in a spreadsheet or
        to keep an offline backup. Exports are available on all plans. Only workspace **owners and admins** can export; members
        don't see the option and should ask an admin to run the export for them, or to give them the admin role.

        ## Export your data
        1. Open **Reports → Export**.
        2. Choose the format: **CSV** or **XLSX** (Excel). Optionally select one board, or several, in the board filter.
        3. Click **Export**.
        4. The file is prepared in the background. Instead of downloading straight away, we email you a download link within a
           few minutes, from no-reply@tasklane.example. Check your inbox and your spam or quarantine folder if it doesn't arrive.
        5. The link stays valid for 7 days. If it has run out, simply start a new export under Reports → Export and a fresh
           link will be emailed to you.

        Exports of more than 50,000 rows are split into several files; the email lists all parts and the download page shows
        them together. Nothing is missing when a large workspace comes as several files.

        This replaces the old instant download under Settings → Workspace → Data, which no longer exists. For scripted access,
        use the REST API instead, since it doesn't depend on email.

        ## What the file contains
        One row per task: task ID, title, description, board, column (status), tags, assignees, creator, created, due and
        completed dates (UTC), custom fields, and the number of comments and attachments.

        ## Opening the file
        XLSX opens directly in Excel with umlauts and accented characters intact. The CSV is UTF-8 encoded; in Excel use
        Data → From Text/CSV and choose 65001: Unicode (UTF-8).
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Updating_the_stale_export_article_improves_exactly_the_export_items()
    {
        var marker = "loop" + Guid.NewGuid().ToString("N")[..10];
        var category = $"troubleshooting-{marker}";
        var exportTickets = await CopyTroubleshootingTicketsAsync(category);
        Assert.Equal(16, exportTickets.Count);
        var demoArticle = await File.ReadAllTextAsync(Path.Combine(AppHostOptions.FindRepositoryRoot(), "data", "demo", "help-articles", "export-data.md"), Ct);
        var oldFlow = demoArticle[(demoArticle.IndexOf("---", 3, StringComparison.Ordinal) + 3)..].Trim();
        using var manager = stack.ApiClient(Roles.Manager);
        await UpsertArticleAsync(manager, marker, category, oldFlow);
        var dataset = await ExperimentApi.CreateDatasetAsync(manager, $"troubleshooting-{marker}", new DatasetTicketFilter(Category: category));
        var items = (await manager.GetFromJsonAsync<List<DatasetItemView>>($"/api/datasets/{dataset.DatasetId}/versions/1/items", Ct))!;
        var exportItems = items.Where(i => exportTickets.Contains(i.SourceTicketId!.Value)).Select(i => i.Id).ToHashSet();

        var before = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(dataset.DatasetId.ToString(), Label: "production"));
        await UpsertArticleAsync(manager, marker, category, NewFlow);
        var after = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(dataset.DatasetId.ToString(), Label: "production"));
        var comparison = (await manager.GetFromJsonAsync<ExperimentComparison>($"/api/experiments/compare?a={before.Id}&b={after.Id}", Ct))!;

        var beforeScores = await ScoresAsync(manager, before.Id);
        // Grounding needs a cited article: the German, French and Spanish export tickets find no English article close enough.
        var graded = exportItems.Count(beforeScores.ContainsKey);
        Assert.True(graded >= 8, $"export items graded on {Metric}: {graded}");
        var exportMean = exportItems.Where(beforeScores.ContainsKey).Average(i => beforeScores[i]);
        var otherMean = beforeScores.Where(s => !exportItems.Contains(s.Key)).Average(s => s.Value);
        Assert.True(exportMean < otherMean, $"before the fix, export items ({exportMean:0.00}) should be less grounded than the rest ({otherMean:0.00})");

        var improved = comparison.Improved.Where(c => c.Metric == Metric).Select(c => c.ItemId).ToHashSet();
        var afterScores = await ScoresAsync(manager, after.Id);
        var afterItems = (await manager.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{after.Id}/items", Ct))!.ToDictionary(i => i.ItemId);
        var detail = string.Join("\n", exportItems.Select(i => $"{beforeScores.GetValueOrDefault(i, -1):0.00} -> {afterScores.GetValueOrDefault(i, -1):0.00} {afterItems[i].Output.Replace('\n', ' ')[..Math.Min(400, afterItems[i].Output.Length)]}"));
        // Some export questions still cite the shared demo article (left stale on purpose, other tests read it); those cannot improve.
        Assert.True(improved.Count(exportItems.Contains) * 2 >= graded, $"export items improved: {improved.Count(exportItems.Contains)} of {graded} graded\n{detail}");
        Assert.True(improved.Count(i => !exportItems.Contains(i)) <= 2, $"non-export items improved: {improved.Count(i => !exportItems.Contains(i))}");
        Assert.DoesNotContain(comparison.Regressed, c => c.Metric == Metric);
        var overall = Assert.Single(comparison.Deltas, d => d.Metric == Metric && d.Category is null);
        Assert.True(overall.Significant && overall.Delta > 0, $"{Metric} delta {overall.Delta} [{overall.Lower}, {overall.Upper}]");
        Assert.Contains($"B better on {Metric}", comparison.Verdict);
        var example = comparison.Improved.First(c => c.Metric == Metric && exportItems.Contains(c.ItemId));
        Assert.Equal(example.OutputA.Length > 0, example.OutputB.Length > 0);
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

    /// <summary>The demo's troubleshooting tickets, copied into <paramref name="category"/>; returns the copies of the export-new-flow ones.</summary>
    private async Task<HashSet<Guid>> CopyTroubleshootingTicketsAsync(string category)
    {
        await stack.ExecuteAsync("INSERT INTO categories (name, phase, created_at) VALUES ($1, 'offline', now()) ON CONFLICT DO NOTHING", category);
        var exportTickets = new HashSet<Guid>();
        var lines = await File.ReadAllLinesAsync(Path.Combine(AppHostOptions.FindRepositoryRoot(), "data", "demo", "tickets.jsonl"), Ct);
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            using var ticket = JsonDocument.Parse(line);
            var root = ticket.RootElement;
            if (root.GetProperty("category").GetString() != "troubleshooting")
            {
                continue;
            }

            var id = Guid.CreateVersion7();
            var tags = root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
            await stack.ExecuteAsync(
                """
                INSERT INTO tickets (id, external_id, source, category, subject, body, language, customer_name, created_at, sent_reply, escalated, tags, content_hash, updated_at)
                VALUES ($1, $2, 'historical', $3, $4, $5, $6, $7, now(), $8, $9, $10, 'test', now())
                """,
                id, $"{category}-{root.GetProperty("id").GetString()}", category, root.GetProperty("subject").GetString()!, root.GetProperty("body").GetString()!,
                root.GetProperty("language").GetString()!, root.GetProperty("customer_name").GetString() ?? "", root.GetProperty("answer").GetString()!,
                root.GetProperty("escalated").GetBoolean(), tags);
            if (tags.Contains("export-new-flow"))
            {
                exportTickets.Add(id);
            }
        }

        return exportTickets;
    }
}
