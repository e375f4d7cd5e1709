using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Experiments;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Gates;

/// <summary>
/// The phase-1 gate through the real API and worker: an offline category cannot become internal until an experiment of
/// the production prompt passes the thresholds on its items and a person has reviewed enough of the run's sample.
/// </summary>
public sealed class Phase1GateTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promotion_to_internal_waits_for_a_passing_run_and_a_recorded_review()
    {
        var category = $"p1-{Guid.NewGuid():N}"[..16];
        using var integration = stack.ApiClient(Roles.Integration);
        using var manager = stack.ApiClient(Roles.Manager);
        using var agent = stack.ApiClient(Roles.Agent);
        await ImportTwinTicketsAsync(integration, category, pairs: 6);

        using var noRun = await PromoteAsync(manager, category);
        Assert.Equal(HttpStatusCode.Conflict, noRun.StatusCode);
        Assert.Contains((await noRun.ReadJsonAsync()).GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("no completed experiment run"));

        var dataset = await ExperimentApi.CreateDatasetAsync(manager, category, new DatasetTicketFilter(Category: category));
        var run = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(dataset.DatasetId.ToString(), Label: "production"));

        using var noReview = await PromoteAsync(manager, category);
        Assert.Equal(HttpStatusCode.Conflict, noReview.StatusCode);
        var reasons = (await noReview.ReadJsonAsync()).GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("no manual review", StringComparison.Ordinal));
        Assert.DoesNotContain(reasons, r => r.Contains("reference_f1", StringComparison.Ordinal));

        var sample = await DrawAsync(agent, run.Id, new ReviewSampleRequest(10, 42));
        Assert.Equal(10, sample.Items.Count);
        Assert.All(sample.Items, i => Assert.Equal(category, i.Category));
        Assert.Equal(sample.Items.Select(i => i.ItemId), (await DrawAsync(agent, run.Id, new ReviewSampleRequest(10, 42))).Items.Select(i => i.ItemId));
        using var otherSeed = await agent.PostAsJsonAsync($"/api/experiments/{run.Id}/review-sample", new ReviewSampleRequest(10, 7), Ct);
        Assert.Equal(HttpStatusCode.Conflict, otherSeed.StatusCode);

        var bad = sample.Items[0];
        await MarkAsync(agent, run.Id, bad.ItemId, new ReviewVerdictRequest(false, "says 5 seats, the plan has 10", "Wrong plan limits"));
        foreach (var item in sample.Items.Skip(1))
        {
            await MarkAsync(agent, run.Id, item.ItemId, new ReviewVerdictRequest(true, null, null));
        }

        // A changed mind replaces the verdict: still one manual_review score per item.
        await MarkAsync(agent, run.Id, sample.Items[1].ItemId, new ReviewVerdictRequest(true, "tone is fine", null));
        Assert.Equal(10L, await stack.ScalarAsync<long>("SELECT count(*) FROM scores WHERE name = 'manual_review' AND experiment_run_id = $1", run.Id));

        var summary = await agent.GetFromJsonAsync<ReviewSummary>($"/api/experiments/{run.Id}/review-summary", Ct);
        var mine = Assert.Single(summary!.Categories);
        Assert.Equal((10, 10, 9, 0.9), (mine.Sampled, mine.Reviewed, mine.Acceptable, mine.AcceptableShare!.Value));
        Assert.Equal(1, mine.FailureModes["wrong-plan-limits"]);

        var gate = await agent.GetFromJsonAsync<CategoryGateView>($"/api/gates/{category}", Ct);
        Assert.True(gate!.Phase1!.Ready, string.Join("; ", gate.Phase1.Reasons));
        Assert.Equal(run.Id, gate.Phase1.RunId);
        Assert.Contains(gate.Phase1.Checks, c => c.Name == "reference_f1" && c.Passed && c.SampleSize == 12);

        using var promoted = await PromoteAsync(manager, category);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var change = (await promoted.ReadJsonAsync()).GetProperty("change");
        Assert.False(change.GetProperty("forced").GetBoolean());
        Assert.Equal(run.Id, change.GetProperty("gateSnapshot").GetProperty("runId").GetGuid());

        var modes = await agent.GetFromJsonAsync<FailureModeReport>($"/api/failure-modes?category={category}", Ct);
        var counted = Assert.Single(modes!.FailureModes, m => m.Count > 0);
        Assert.Equal(("wrong-plan-limits", 1), (counted.Name, counted.Count));
        Assert.Equal(bad.TraceId, Assert.Single(counted.LatestTraces).TraceId);
        Assert.Equal("experiment-review", counted.LatestTraces[0].Source);
    }

    [Fact]
    public async Task Review_requests_are_checked()
    {
        using var agent = stack.ApiClient(Roles.Agent);
        var unknown = Guid.NewGuid();

        using var missingRun = await agent.PostAsJsonAsync($"/api/experiments/{unknown}/review-sample", new ReviewSampleRequest(5, 1), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missingRun.StatusCode);
        using var tooMany = await agent.PostAsJsonAsync($"/api/experiments/{unknown}/review-sample", new ReviewSampleRequest(0, 1), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((await tooMany.ReadJsonAsync()).GetProperty("errors").TryGetProperty("perCategory", out _));

        using var noVerdict = await agent.PutAsJsonAsync($"/api/experiments/{unknown}/review-sample/{Guid.NewGuid()}", new ReviewVerdictRequest(null, null, null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noVerdict.StatusCode);
        using var badWithoutWhy = await agent.PutAsJsonAsync($"/api/experiments/{unknown}/review-sample/{Guid.NewGuid()}", new ReviewVerdictRequest(false, " ", null), Ct);
        Assert.True((await badWithoutWhy.ReadJsonAsync()).GetProperty("errors").TryGetProperty("note", out _));
        using var notSampled = await agent.PutAsJsonAsync($"/api/experiments/{unknown}/review-sample/{Guid.NewGuid()}", new ReviewVerdictRequest(true, null, null), Ct);
        Assert.Equal(HttpStatusCode.NotFound, notSampled.StatusCode);

        using var badMode = await agent.PostAsJsonAsync("/api/failure-modes", new CreateFailureModeRequest("!!!", null), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        using var created = await agent.PostAsJsonAsync("/api/failure-modes", new CreateFailureModeRequest("Should have handed off", "Answered a billing dispute itself"), Ct);
        Assert.Equal("should-have-handed-off", (await created.Content.ReadFromJsonAsync<FailureModeView>(Ct))!.Name);
    }

    /// <summary>Pairs of near-identical resolved tickets: each one's nearest neighbour is its twin, so drafts match the reference.</summary>
    private static async Task ImportTwinTicketsAsync(HttpClient integration, string category, int pairs)
    {
        var tickets = new List<TicketImportItem>();
        for (var pair = 0; pair < pairs; pair++)
        {
            var words = string.Join(' ', Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")[..8]));
            var answer = $"Hi, open Settings and choose the {words} option, then press Save. It takes effect at once.";
            for (var twin = 0; twin < 2; twin++)
            {
                tickets.Add(new TicketImportItem(
                    Id: $"{category}-{pair}-{twin}", Subject: $"Question about {words}", Body: $"How do I turn on {words} for my workspace?",
                    Answer: answer, Category: category, Language: "en"));
            }
        }

        using var response = await integration.PostAsJsonAsync("/api/tickets/import", tickets, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PromoteAsync(HttpClient manager, string category) =>
        manager.PostAsJsonAsync($"/api/categories/{category}/phase", new ChangePhaseRequest("internal", null, null), Ct);

    private static async Task<ReviewSample> DrawAsync(HttpClient agent, Guid runId, ReviewSampleRequest request)
    {
        using var response = await agent.PostAsJsonAsync($"/api/experiments/{runId}/review-sample", request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewSample>(Ct))!;
    }

    private static async Task MarkAsync(HttpClient agent, Guid runId, Guid itemId, ReviewVerdictRequest verdict)
    {
        using var response = await agent.PutAsJsonAsync($"/api/experiments/{runId}/review-sample/{itemId}", verdict, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
