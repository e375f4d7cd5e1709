using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Data.Entities;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

public sealed class ExperimentsApiTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_drafts_and_grades_every_item_once_through_the_worker_and_reports_aggregates()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "exp-" + seed.Marker;
        const string reply = "Hi Sam,\n\nOpen Settings → Security and click Reset two-factor. You will get a recovery mail.\n\nBest, Kim";
        var tickets = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            tickets.Add(await seed.TicketAsync(category, $"Two factor reset {i}", "I lost my phone and need to reset two factor authentication", reply));
        }

        await seed.ArticleAsync("two-factor", category, "Resetting two-factor", "Open Settings → Security and click Reset two-factor to get a recovery mail.");
        using var manager = stack.ApiClient(Roles.Manager);
        var dataset = await ExperimentApi.CreateDatasetAsync(manager, $"exp-{seed.Marker}", new DatasetTicketFilter(Category: category));

        var started = await ExperimentApi.StartAsync(manager, new CreateExperimentRequest(dataset.DatasetId.ToString(), Model: "model-override-test"));
        // The worker may have claimed it already by the time the 202 is written.
        Assert.Contains(started.Status, new[] { ExperimentStatuses.Queued, ExperimentStatuses.Running, ExperimentStatuses.Completed });
        Assert.Equal((4, "support-reply", "production", "model-override-test"), (started.Total, started.PromptName, started.PromptLabel, started.Model));
        var report = await ExperimentApi.WaitAsync(manager, started.Id);

        Assert.Equal((ExperimentStatuses.Completed, 4, 4, 0), (report.Run.Status, report.Run.Total, report.Run.Completed, report.Run.Failed));
        var items = (await manager.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{started.Id}/items", Ct))!;
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.Equal(ExperimentItemStatuses.Succeeded, i.Status));
        // The item's own ticket is excluded from retrieval, so each draft comes from one of the other three.
        Assert.All(items, i => Assert.Contains("Reset two-factor", i.Output));
        Assert.Equal(4, await stack.ScalarAsync<long>("SELECT count(*) FROM traces WHERE name = 'experiment-item' AND id = ANY($1) AND draft_id IS NULL AND ticket_id IS NULL",
            (object)items.Select(i => i.TraceId!).ToArray()));
        // The model override reaches the model call (ChatOptions.ModelId), as the generation step records it.
        Assert.Equal(4, await stack.ScalarAsync<long>("SELECT count(*) FROM observations WHERE trace_id = ANY($1) AND type = 'generation' AND input->>'model' = 'model-override-test'",
            (object)items.Select(i => i.TraceId!).ToArray()));
        var scoreCount = await stack.ScalarAsync<long>(
            "SELECT count(*) FROM scores WHERE experiment_run_id = $1 AND source = 'evaluator' AND idempotency_key LIKE $2", started.Id, $"{started.Id}:%");
        Assert.True(scoreCount >= 4, $"{scoreCount} scores");
        var overall = report.Aggregates.Where(a => a.Scope == "overall").ToList();
        Assert.NotEmpty(overall);
        Assert.All(overall, a => Assert.True(a.N == 4 && a.Lower <= a.Mean && a.Mean <= a.Upper, $"{a.Metric}: {a.Lower} {a.Mean} {a.Upper} n={a.N}"));
        Assert.Contains(report.Aggregates, a => a.Scope == "category" && a.Group == category);
        // No judge model in the test stack: the judge metric is absent from the aggregates and the report says why.
        Assert.DoesNotContain(report.Aggregates, a => a.Metric == "judge_correctness");
        Assert.Contains("no judge model configured", report.SkippedMetrics["judge_correctness"]);
        Assert.All(report.SkippedMetrics.Keys, metric => Assert.DoesNotContain(report.Aggregates, a => a.Metric == metric));

        // The API's regression gate: a threshold at the run's own mean holds, one just above it fails.
        var f1 = overall.Single(a => a.Metric == "reference_f1").Mean;
        var gate = (await manager.GetFromJsonAsync<ExperimentGateView>(
            $"/api/experiments/{started.Id}/gate?failBelow=reference_f1={f1.ToString("R", CultureInfo.InvariantCulture)}&failBelow=handoff_correct=0", Ct))!;
        Assert.True(gate.Passed);
        Assert.Equal(["handoff_correct", "reference_f1"], gate.Thresholds.Select(t => t.Metric));
        var above = (f1 + 0.01).ToString("R", CultureInfo.InvariantCulture);
        var failing = (await manager.GetFromJsonAsync<ExperimentGateView>($"/api/experiments/{started.Id}/gate?failBelow=reference_f1={above}", Ct))!;
        Assert.False(failing.Passed);
        Assert.Equal((f1, 4, false), (failing.Thresholds.Single().Mean!.Value, failing.Thresholds.Single().N, failing.Thresholds.Single().Passed));
        using var malformed = await manager.GetAsync($"/api/experiments/{started.Id}/gate?failBelow=reference_f1=high", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("failBelow", (await malformed.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var unknownRun = await manager.GetAsync($"/api/experiments/{Guid.NewGuid()}/gate?failBelow=reference_f1=0.5", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
    }

    [Fact]
    public async Task Bad_requests_get_field_errors()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "exp-" + seed.Marker;
        await seed.TicketAsync(category, "Seats", "How do I add seats?", "Billing → Seats.");
        using var manager = stack.ApiClient(Roles.Manager);
        var full = await ExperimentApi.CreateDatasetAsync(manager, $"bad-{seed.Marker}", new DatasetTicketFilter(Category: category));
        var empty = await ExperimentApi.CreateDatasetAsync(manager, $"empty-{seed.Marker}", null);

        await AssertFieldError(manager, new CreateExperimentRequest($"nope-{seed.Marker}"), "dataset");
        await AssertFieldError(manager, new CreateExperimentRequest(null), "dataset");
        await AssertFieldError(manager, new CreateExperimentRequest(empty.DatasetId.ToString()), "dataset");
        await AssertFieldError(manager, new CreateExperimentRequest(full.DatasetId.ToString(), Category: "no-such-category"), "category");
        await AssertFieldError(manager, new CreateExperimentRequest(full.DatasetId.ToString(), Prompt: $"nope-{seed.Marker}"), "prompt");
        await AssertFieldError(manager, new CreateExperimentRequest(full.DatasetId.ToString(), Label: "no-such-label"), "label");
        await AssertFieldError(manager, new CreateExperimentRequest(full.DatasetId.ToString(), Version: 9999), "version");
        await AssertFieldError(manager, new CreateExperimentRequest(full.DatasetId.ToString(), DatasetVersion: 7), "datasetVersion");
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM experiment_runs WHERE dataset_id = ANY($1)", new[] { full.DatasetId, empty.DatasetId }));

        using var unknownRun = await manager.GetAsync($"/api/experiments/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        using var badCompare = await manager.GetAsync("/api/experiments/compare?a=x", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badCompare.StatusCode);
        using var agent = stack.ApiClient(Roles.Agent);
        using var forbidden = await agent.PostAsJsonAsync("/api/experiments", new CreateExperimentRequest(full.DatasetId.ToString()), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Datasets_api_versions_changes_and_refuses_them_once_archived()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "exp-" + seed.Marker;
        var first = await seed.TicketAsync(category, "Slack", "Connect Slack", "Integrations → Slack.");
        var second = await seed.TicketAsync(category, "GitHub", "Connect GitHub", "Integrations → GitHub.");
        using var manager = stack.ApiClient(Roles.Manager);
        var created = await ExperimentApi.CreateDatasetAsync(manager, $"api-{seed.Marker}", new DatasetTicketFilter([first]));
        var listed = (await manager.GetFromJsonAsync<List<DatasetSummary>>("/api/datasets", Ct))!;
        Assert.Equal(1, listed.Single(d => d.Id == created.DatasetId).ItemCount);

        using var add = await manager.PostAsJsonAsync($"/api/datasets/{created.DatasetId}/items", new AddDatasetItemsRequest(new DatasetTicketFilter([first, second])), Ct);
        var added = (await add.Content.ReadFromJsonAsync<DatasetChangeView>(Ct))!;
        var v1 = (await manager.GetFromJsonAsync<List<DatasetItemView>>($"/api/datasets/{created.DatasetId}/versions/1/items", Ct))!;
        using var remove = await manager.PostAsJsonAsync($"/api/datasets/{created.DatasetId}/items/remove", new RemoveDatasetItemsRequest([v1[0].Id]), Ct);
        using var archive = await manager.PostAsync($"/api/datasets/{created.DatasetId}/archive", null, Ct);
        using var late = await manager.PostAsJsonAsync($"/api/datasets/{created.DatasetId}/items", new AddDatasetItemsRequest(new DatasetTicketFilter([second])), Ct);
        var detail = (await manager.GetFromJsonAsync<DatasetDetail>($"/api/datasets/{created.DatasetId}", Ct))!;

        Assert.Equal((2, 1, 1, 2), (added.Version, added.Added, added.Skipped, added.ItemCount));
        Assert.Equal(first, Assert.Single(v1).SourceTicketId);
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal([(1, 1), (2, 2), (3, 1)], detail.Versions.Select(v => (v.Version, v.ItemCount)));
        Assert.NotNull(detail.Dataset.ArchivedAt);
        Assert.DoesNotContain((await manager.GetFromJsonAsync<List<DatasetSummary>>("/api/datasets", Ct))!, d => d.Id == created.DatasetId);
        Assert.Contains((await manager.GetFromJsonAsync<List<DatasetSummary>>("/api/datasets?archived=true", Ct))!, d => d.Id == created.DatasetId);
        await AssertFieldError(manager, new CreateExperimentRequest(created.DatasetId.ToString()), "dataset");
        using var unknown = await manager.GetAsync($"/api/datasets/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var noFilter = await manager.PostAsJsonAsync("/api/datasets", new CreateDatasetRequest($"nf-{seed.Marker}", FromTickets: new DatasetTicketFilter()), Ct);
        Assert.Equal("fromTickets", Assert.Single((await noFilter.ReadJsonAsync()).GetProperty("errors").EnumerateObject()).Name);
    }

    private static async Task AssertFieldError(HttpClient client, CreateExperimentRequest request, string field)
    {
        using var response = await client.PostAsJsonAsync("/api/experiments", request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error on '{field}', got {errors}");
    }
}
