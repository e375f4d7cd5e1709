using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Experiments;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Signals;

/// <summary>Error analysis on the review queue: failure modes are counted, kept on dataset items, and broken down in reports.</summary>
public sealed class FailureModeReviewTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reviewed_traces_are_counted_by_failure_mode_and_reports_break_down_by_it()
    {
        var category = SignalTestDrafts.UniqueCategory("modes");
        var added = await SignalTestDrafts.CreateAsync(stack, category: category);
        var dismissed = await SignalTestDrafts.CreateAsync(stack, category: category);
        using var agent = stack.ApiClient(Roles.Agent);
        using var manager = stack.ApiClient(Roles.Manager);
        await PostAsync(agent, $"/api/drafts/{added.DraftId}/sent", new SentReplyRequest("Hello, the export moved to Settings > Data > Export in 4.2. Choose CSV.", null, null));
        await PostAsync(agent, $"/api/drafts/{dismissed.DraftId}/feedback", new DraftFeedbackRequest("down", "old menu", null));
        await stack.WaitForScoresAsync(added.TraceId, 3);
        await stack.WaitForScoresAsync(dismissed.TraceId, 1);
        await Eventually.ValueAsync(
            async () => await stack.ScalarAsync<long>("SELECT count(*) FROM draft_outcomes WHERE trace_id = $1", dismissed.TraceId) == 1 ? "ok" : null, TimeSpan.FromSeconds(60));

        var dataset = await ExperimentApi.CreateDatasetAsync(manager, $"modes-{Guid.NewGuid():N}"[..14], null);
        using (var add = await manager.PostAsJsonAsync($"/api/review-queue/{added.TraceId}/add-to-dataset",
            new AddToDatasetRequest(dataset.DatasetId, null, "menu moved in 4.2", "Cites outdated article"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        }

        using (var dismiss = await manager.PostAsJsonAsync($"/api/review-queue/{dismissed.TraceId}/dismiss", new DismissRequest("same old menu", "cites-outdated-article"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, dismiss.StatusCode);
        }

        using (var bad = await manager.PostAsJsonAsync($"/api/review-queue/{dismissed.TraceId}/dismiss", new DismissRequest("x", "---"), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("failureMode", out _));
        }

        var report = await agent.GetFromJsonAsync<FailureModeReport>($"/api/failure-modes?category={category}", Ct);
        var mode = Assert.Single(report!.FailureModes, m => m.Count > 0);
        Assert.Equal(("cites-outdated-article", 2), (mode.Name, mode.Count));
        Assert.Equal([dismissed.TraceId, added.TraceId], mode.LatestTraces.Select(t => t.TraceId));
        Assert.Equal(2, Assert.Single(mode.ByDay).Count);
        Assert.Equal("cites-outdated-article", await stack.ScalarAsync<string>(
            "SELECT metadata ->> 'failureMode' FROM dataset_items WHERE dataset_id = $1 AND source_trace_id = $2", dataset.DatasetId, added.TraceId));

        var run = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(dataset.DatasetId.ToString(), Label: "production"));
        var graded = await agent.GetFromJsonAsync<ExperimentReport>($"/api/experiments/{run.Id}", Ct);
        Assert.Contains(graded!.Aggregates, a => a.Scope == "failure_mode" && a.Group == "cites-outdated-article" && a.Metric == "reference_f1" && a.N == 1);
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
