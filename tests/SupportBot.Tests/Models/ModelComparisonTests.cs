using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Drafting.Pipeline;
using SupportBot.Tests.Experiments;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Models;

/// <summary>
/// Model comparisons and the audited switch on the shared stack. The second model is real: the embedded drafter
/// with full-text retrieval only (`embedded-fulltext`, configured in the API's and worker's appsettings.json)
/// against production's hybrid retrieval. Switch tests use a prompt of their own, so no other test's drafts change.
/// </summary>
public sealed class ModelComparisonTests(StackFixture stack)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Compare_runs_production_and_the_candidate_on_the_same_items_and_prints_a_verdict_with_exit_code()
    {
        var marker = "cmp" + Guid.NewGuid().ToString("N")[..10];
        using var manager = stack.ApiClient(Roles.Manager);
        var dataset = await ExperimentApi.CreateDatasetAsync(manager, marker, new DatasetTicketFilter(Category: "how-to", Limit: 12));

        var (exit, output, error) = await CliAsync("model", "compare", "--candidate", "embedded-fulltext", "--datasets", marker, "--json");

        Assert.True(exit is 0 or 3, $"exit {exit}: {error}");
        var view = JsonSerializer.Deserialize<ModelComparisonView>(output, Json)!;
        Assert.Equal("completed", view.Status);
        Assert.Equal(exit == 0, view.Passed);
        var report = view.Report!;
        Assert.Equal("embedded-fulltext", view.CandidateModel);
        Assert.Equal((await manager.GetFromJsonAsync<ProductionModelView>("/api/models/production", Ct))!.Model, view.BaselineModel);
        var run = Assert.Single(view.Runs);
        Assert.Equal(dataset.DatasetId, run.DatasetId);
        Assert.Equal(12, report.Pairs);
        Assert.Contains(report.Deltas, d => d.Metric == "reference_f1" && d.Category is null && d.Pairs == 12);
        Assert.Contains(report.Deltas, d => d.Metric == "reference_f1" && d.Category == "how-to");
        Assert.Contains(report.Deltas, d => d.Metric == "monitor_flagged" && d.Category is null && d.Pairs == 12);
        foreach (var side in new[] { report.Baseline, report.Candidate })
        {
            Assert.Equal(12, side.Drafts);
            Assert.True(side.LatencyP50Ms > 0 && side.LatencyP95Ms >= side.LatencyP50Ms);
            // The embedded drafter reports no usage: tokens are counted with the tokenizer; its price is 0.
            Assert.True(side.TokensCounted);
            Assert.True(side.MeanInputTokens > 50 && side.MeanOutputTokens > 5, $"{side.MeanInputTokens} / {side.MeanOutputTokens}");
            Assert.Equal(0m, side.CostPerDraft);
        }

        Assert.Equal(3, report.Rules.Count);
        Assert.Equal(report.Rules.Where(r => r.Votes).All(r => r.Passed), report.Passed);
        Assert.StartsWith(report.Passed ? "PASS" : "FAIL", report.Verdict);
        // Each side drafted with its own configuration, recorded on every item's trace.
        Assert.Equal(12L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM experiment_item_results r JOIN traces t ON t.id = r.trace_id WHERE r.run_id = $1 AND t.metadata ->> 'modelConfiguration' = 'embedded-fulltext'",
            run.CandidateRunId));
        Assert.Equal(0L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM experiment_item_results r JOIN traces t ON t.id = r.trace_id WHERE r.run_id = $1 AND t.metadata ->> 'modelConfiguration' = 'embedded-fulltext'",
            run.BaselineRunId));

        // The text report reads back the same comparison.
        var (showExit, text, _) = await CliAsync("model", "show", view.Id.ToString());
        Assert.Equal(exit, showExit);
        Assert.Contains("verdict: " + report.Verdict, text);
        Assert.Contains("latency p95 ms", text);
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_field_errors_and_nothing_is_queued()
    {
        using var manager = stack.ApiClient(Roles.Manager);
        var before = await stack.ScalarAsync<long>("SELECT count(*) FROM model_comparisons");

        using var unknownCandidate = await manager.PostAsJsonAsync("/api/models/comparisons", new CreateModelComparisonRequest("no-such-model"), Ct);
        using var unknownDataset = await manager.PostAsJsonAsync("/api/models/comparisons",
            new CreateModelComparisonRequest("embedded-fulltext", ["no-such-dataset-" + Guid.NewGuid().ToString("N")]), Ct);
        using var forcedWithoutReason = await manager.PostAsJsonAsync("/api/models/production", new SwitchProductionModelRequest("embedded-fulltext", Force: true), Ct);
        using var unknownModel = await manager.PostAsJsonAsync("/api/models/production", new SwitchProductionModelRequest("no-such-model"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknownCandidate.StatusCode);
        Assert.Contains("candidate", (await unknownCandidate.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("datasets", (await unknownDataset.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("reason", (await forcedWithoutReason.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("model", (await unknownModel.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(before, await stack.ScalarAsync<long>("SELECT count(*) FROM model_comparisons"));
        var (exit, _, error) = await CliAsync("model", "compare", "--candidate", "no-such-model", "--datasets", "x");
        Assert.Equal(1, exit);
        Assert.Contains("--candidate", error);
    }

    [Fact]
    public async Task A_switch_without_a_passing_comparison_is_refused_and_a_forced_one_is_audited_and_drafts_with_the_new_model()
    {
        var marker = "sw" + Guid.NewGuid().ToString("N")[..10];
        using var manager = stack.ApiClient(Roles.Manager);
        using (var prompt = await manager.PostAsJsonAsync("/api/prompts", new CreatePromptVersionRequest(marker, "Reply in {{language}}.", null, ["production"]), Ct))
        {
            prompt.EnsureSuccessStatusCode();
        }

        using var refused = await manager.PostAsJsonAsync("/api/models/production", new SwitchProductionModelRequest("embedded-fulltext", marker), Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Contains("no comparison", problem.GetProperty("reasons")[0].GetString());
        var (refusedExit, _, refusedError) = await CliAsync("model", "use", "embedded-fulltext", "--prompt", marker);
        Assert.Equal(3, refusedExit);
        Assert.Contains("refused", refusedError);
        // Each reason ends in a full stop of its own; the detail adds "Pass force ..." without doubling it.
        Assert.DoesNotContain("..", refusedError);
        Assert.EndsWith(". Pass force with a reason to override (audited).", refusedError.Trim());
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM model_changes WHERE prompt_name = $1", marker));

        var (exit, output, error) = await CliAsync("model", "use", "embedded-fulltext", "--prompt", marker, "--force", "--reason", "pilot of full-text retrieval");

        Assert.True(exit == 0, error);
        Assert.Contains("forced: pilot of full-text retrieval", output);
        Assert.Equal(1L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM model_changes WHERE prompt_name = $1 AND forced AND comparison_id IS NULL AND from_model = 'default' AND to_model = 'embedded-fulltext' AND reason = 'pilot of full-text retrieval' AND changed_by = 'dev-manager'",
            marker));
        var production = (await manager.GetFromJsonAsync<ProductionModelView>($"/api/models/production?prompt={marker}", Ct))!;
        Assert.Equal("embedded-fulltext", production.Model);
        Assert.True(Assert.Single(production.Changes).Forced);

        // New drafts with the prompt use the persisted choice (this host reads it from Postgres, like the API).
        await using var host = new DraftingHost(stack, new Dictionary<string, string?>
        {
            ["Models:Candidates:embedded-fulltext:Provider"] = "embedded",
            ["Models:Candidates:embedded-fulltext:Retrieval"] = "fulltext",
        });
        await using var scope = host.CreateScope();
        var draft = await scope.ServiceProvider.GetRequiredService<DraftingPipeline>().DraftAsync(
            new DraftInput("Export", "How do I export my tasks to CSV?", "en", null, "Ana"), new DraftOptions(marker), Ct);
        var other = await scope.ServiceProvider.GetRequiredService<DraftingPipeline>().DraftAsync(
            new DraftInput("Export", "How do I export my tasks to CSV?", "en", null, "Ana"), new DraftOptions(), Ct);
        Assert.Equal("embedded-fulltext", draft.ModelConfiguration);
        Assert.Equal("default", other.ModelConfiguration);
    }

    private async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SupportBotCli.InvokeAsync([.. args, "--api", stack.Api.Url, "--key", stack.DevKeys[Roles.Manager]], output, error, Ct);
        return (exit, output.ToString(), error.ToString());
    }
}
