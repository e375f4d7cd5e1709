using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>
/// The seed's loop end to end (issue 4 item 7): the help center's export article describes the old
/// dialog while the team's replies describe the new flow. An experiment shows the export items
/// poorly supported by the article they cite; updating the article and running again improves
/// exactly those items, and the comparison says so. Everything is the test's own, carrying made-up
/// words (KnowledgeSeeder): export questions answered with the demo's new-flow replies, a few
/// notification questions as the control group, and copies of the two articles; so neither the
/// shared demo data nor other tests' tickets and articles (added in parallel) can change the outcome.
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

    /// <summary>A reply the team sent for the new flow (from the demo data).</summary>
    private const string NewFlowReply =
        "Hi Anna,\n\nSorry for the confusion — the export has moved. It now lives under Reports → Export: choose CSV or XLSX and click Export. " +
        "Instead of downloading straight away, we prepare the file in the background and email you a download link within a few minutes " +
        "(check spam for mail from no-reply@tasklane.example). Exports over 50,000 rows are split into several files.\n\nBest,\nAiko from Tasklane Support";

    private const string NotificationReply =
        "Hi Sam,\n\nUnder Profile → Notifications please check that Email is on for the events you expect, and that Digest is set to Instant; " +
        "Hourly or Daily bundles the emails. Also check your spam folder for mail from no-reply@tasklane.example.\n\nBest,\nAiko from Tasklane Support";

    private const string NotificationArticle =
        """
        Choose which events send you an email under Profile → Notifications. Turn Email on for the events you expect, such as
        assignments, mentions and due dates. The Digest setting decides when emails arrive: Instant sends each one right away,
        Hourly or Daily bundles them. If emails don't arrive, check your spam folder for mail from no-reply@tasklane.example.
        """;

    private static readonly (string Subject, string Body)[] ExportQuestions =
    [
        ("Where did the export button go", "I used to export our tasks to a spreadsheet from the settings page but the export button is not there anymore."),
        ("Export not downloading", "When I click export nothing downloads to my computer, the export seems broken."),
        ("Need tasks as Excel", "Can I export all tasks of the workspace to Excel? I cannot find the export anywhere."),
        ("CSV export missing", "The CSV export option disappeared from workspace data settings. How do I export now?"),
        ("Export for audit", "Our auditor needs an export of every task. Where is the export in the new version?"),
        ("Exported file never arrived", "I clicked export a while ago and no file was downloaded, where does the export go?"),
    ];

    private static readonly (string Subject, string Body)[] NotificationQuestions =
    [
        ("No emails for mentions", "I don't get any email notifications when someone mentions me on a task."),
        ("Notification emails late", "Notification emails about assignments arrive hours late, sometimes bundled together."),
        ("Stopped getting due date emails", "I no longer receive email notifications for due dates of my tasks."),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Updating_the_stale_export_article_improves_exactly_the_export_items()
    {
        var export = new KnowledgeSeeder(stack);
        var control = new KnowledgeSeeder(stack);
        var category = "loop-" + export.Marker;
        var exportTickets = new HashSet<Guid>();
        foreach (var (subject, body) in ExportQuestions)
        {
            exportTickets.Add(await export.TicketAsync(category, subject, body, NewFlowReply));
        }

        foreach (var (subject, body) in NotificationQuestions)
        {
            await control.TicketAsync(category, subject, body, NotificationReply);
        }

        using var manager = stack.ApiClient(Roles.Manager);
        await UpsertArticleAsync(manager, $"export-data-{export.Marker}", category, $"{OldFlow}\n{export.Words}");
        await UpsertArticleAsync(manager, $"notifications-{control.Marker}", category, $"{NotificationArticle}\n{control.Words}");
        var dataset = (await ExperimentApi.CreateDatasetAsync(manager, category, new DatasetTicketFilter(Category: category))).DatasetId;
        var items = (await manager.GetFromJsonAsync<List<DatasetItemView>>($"/api/datasets/{dataset}/versions/1/items", Ct))!;
        var exportItems = items.Where(i => exportTickets.Contains(i.SourceTicketId!.Value)).Select(i => i.Id).ToHashSet();
        Assert.Equal((ExportQuestions.Length, ExportQuestions.Length + NotificationQuestions.Length), (exportItems.Count, items.Count));

        var before = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(dataset.ToString(), Label: "production"));
        await UpsertArticleAsync(manager, $"export-data-{export.Marker}", category, $"{NewFlow}\n{export.Words}");
        var after = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(dataset.ToString(), Label: "production"));
        var comparison = (await manager.GetFromJsonAsync<ExperimentComparison>($"/api/experiments/compare?a={before.Id}&b={after.Id}", Ct))!;

        var beforeScores = await ScoresAsync(manager, before.Id);
        var afterScores = await ScoresAsync(manager, after.Id);
        Assert.True(exportItems.All(beforeScores.ContainsKey), $"every export item cites an article: {exportItems.Count(beforeScores.ContainsKey)} of {exportItems.Count}");
        var exportMean = exportItems.Average(i => beforeScores[i]);
        var controlMean = beforeScores.Where(s => !exportItems.Contains(s.Key)).Average(s => s.Value);
        Assert.True(exportMean < controlMean, $"before the fix, export items ({exportMean:0.00}) should be less supported by their article than the rest ({controlMean:0.00})");

        // Other tests add short export articles in parallel; an item that cites one of those instead of ours cannot move.
        var beforeItems = (await manager.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{before.Id}/items", Ct))!.ToDictionary(i => i.ItemId);
        var afterItems = (await manager.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{after.Id}/items", Ct))!.ToDictionary(i => i.ItemId);
        var ourArticle = $"/articles/export-data-{export.Marker}";
        var citingOurs = exportItems.Where(i => beforeItems[i].Output.Contains(ourArticle, StringComparison.Ordinal) && afterItems[i].Output.Contains(ourArticle, StringComparison.Ordinal)).ToList();
        var sameCitation = items.Select(i => i.Id).Where(i => beforeItems[i].Output == afterItems[i].Output || citingOurs.Contains(i)).ToHashSet();
        var improved = comparison.Improved.Where(c => c.Metric == Metric).Select(c => c.ItemId).ToHashSet();
        Assert.True(citingOurs.Count >= 3, $"export items citing the test's article in both runs: {citingOurs.Count} of {exportItems.Count}");
        Assert.Subset(improved, citingOurs.ToHashSet());
        Assert.Subset(exportItems, improved);
        Assert.DoesNotContain(comparison.Regressed, c => c.Metric == Metric && sameCitation.Contains(c.ItemId));
        var overall = Assert.Single(comparison.Deltas, d => d.Metric == Metric && d.Category is null);
        Assert.True(overall.Delta > 0, $"{Metric} delta {overall.Delta} [{overall.Lower}, {overall.Upper}]");
        Assert.DoesNotContain($"B worse on {Metric}", comparison.Verdict);
        var example = comparison.Improved.First(c => c.Metric == Metric && citingOurs.Contains(c.ItemId));
        Assert.Contains("Reports → Export", example.OutputA);
        Assert.Equal(example.OutputA, example.OutputB);
    }

    private static async Task<Dictionary<Guid, double>> ScoresAsync(HttpClient client, Guid runId) =>
        (await client.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{runId}/items", Ct))!
            .Where(i => i.Scores.TryGetValue(Metric, out var v) && v is not null)
            .ToDictionary(i => i.ItemId, i => i.Scores[Metric]!.Value);

    private static async Task UpsertArticleAsync(HttpClient manager, string slug, string category, string body)
    {
        using var response = await manager.PostAsJsonAsync("/api/help-articles", new UpsertHelpArticleRequest(
            slug, slug.StartsWith("export", StringComparison.Ordinal) ? "Exporting your workspace data" : "Email notifications",
            body, $"https://help.tasklane.example/articles/{slug}", category, "en"), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"upsert: {response.StatusCode}");
    }
}
