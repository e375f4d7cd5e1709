using System.Net;
using System.Net.Http.Json;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Tests.Experiments;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Models;

/// <summary>
/// Candidates the shared stack does not configure: an OpenAI-compatible endpoint (a local server speaking the real
/// wire protocol) and an embedded twin of production, served by an API and a worker process of this test (their
/// own experiment pool) on the fixture's Postgres and Redis. The twin passes, and its comparison lets the switch
/// through; the hosted candidate's report carries the provider's usage and the configured price.
/// </summary>
public sealed class ModelSwitchEndToEndTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_openai_compatible_candidate_and_an_embedded_twin_are_compared_and_only_a_passing_comparison_switches()
    {
        var marker = "e2e" + Guid.NewGuid().ToString("N")[..10];
        await using var llm = await LocalChatCompletionsServer.StartAsync();
        var models = new Dictionary<string, string>
        {
            // Production (default) and the twin both draft with full-text retrieval: the twin's drafts are production's.
            ["Drafting__Retrieval"] = "fulltext",
            ["Models__Candidates__embedded-twin__Provider"] = "embedded",
            ["Models__Candidates__embedded-twin__Retrieval"] = "fulltext",
            ["Models__Candidates__local-llm__Provider"] = "openai",
            ["Models__Candidates__local-llm__BaseUrl"] = llm.Url + "/v1",
            ["Models__Candidates__local-llm__Model"] = "local-test-model",
            ["Models__Candidates__local-llm__ApiKey"] = "sk-local",
            ["Models__Candidates__local-llm__Retrieval"] = "fulltext",
            ["Models__Candidates__local-llm__InputPricePerMillion"] = "2.5",
            ["Models__Candidates__local-llm__OutputPricePerMillion"] = "10",
            ["Drafting__ResponseCache"] = "false",
        };
        var apiEnvironment = new Dictionary<string, string>(models)
        {
            // The shared database holds every other test's datasets: this switch relies on the datasets compared.
            ["Models__Comparison__RequireEveryActiveDataset"] = "false",
        };
        var workerEnvironment = new Dictionary<string, string>(models)
        {
            ["Experiments__Pool"] = marker,
            ["Experiments__SweepSeconds"] = "1",
            ["Signals__StreamName"] = $"{marker}:signals",
            ["Signals__GroupName"] = marker,
            ["Signals__DeadLetterStreamName"] = $"{marker}:signals:dead",
            ["Monitors__ConsumerEnabled"] = "false",
        };
        await using var api = await ApiProcess.StartAsync(stack, apiEnvironment, Ct);
        await using var worker = await WorkerProcess.StartAsync(stack, workerEnvironment, Ct);
        using var manager = api.Client(Roles.Manager);
        using (var prompt = await manager.PostAsJsonAsync("/api/prompts", new CreatePromptVersionRequest(marker, "Reply in {{language}}.", null, ["production"]), Ct))
        {
            prompt.EnsureSuccessStatusCode();
        }

        await ExperimentApi.CreateDatasetAsync(manager, marker, new DatasetTicketFilter(Category: "how-to", Limit: 8));

        var hosted = await CompareAsync(manager, new CreateModelComparisonRequest("local-llm", [marker], marker, Pool: marker));
        var candidate = hosted.Report!.Candidate;
        Assert.Equal(8, candidate.Drafts);
        Assert.False(candidate.TokensCounted);
        Assert.Equal(LocalChatCompletionsServer.PromptTokens, candidate.MeanInputTokens);
        Assert.Equal(LocalChatCompletionsServer.CompletionTokens, candidate.MeanOutputTokens);
        Assert.Equal((321m * 2.5m + 12m * 10m) / 1_000_000m, candidate.CostPerDraft);
        Assert.True(hosted.Report.Baseline.TokensCounted);
        Assert.Contains(llm.Requests, r => r.GetProperty("model").GetString() == "local-test-model");

        var twin = await CompareAsync(manager, new CreateModelComparisonRequest("embedded-twin", [marker], marker, Pool: marker));
        Assert.True(twin.Passed, twin.Verdict);
        Assert.All(twin.Report!.Deltas.Where(d => d.Category is null), d => Assert.Equal(0, d.Delta, 9));

        // The hosted candidate's comparison did not pass (or was of another model): only the twin's lets a switch through.
        using var refused = await manager.PostAsJsonAsync("/api/models/production", new SwitchProductionModelRequest("local-llm", marker), Ct);
        Assert.Equal(hosted.Passed == true ? HttpStatusCode.OK : HttpStatusCode.Conflict, refused.StatusCode);
        if (hosted.Passed != true)
        {
            Assert.Contains(hosted.Id.ToString(), (await refused.ReadJsonAsync()).GetProperty("detail").GetString());
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = hosted.Passed == true ? 0 : await SupportBotCli.InvokeAsync(
            ["model", "use", "embedded-twin", "--prompt", marker, "--api", api.Url, "--key", stack.DevKeys[Roles.Manager]], output, error, Ct);
        Assert.True(exit == 0, error.ToString());
        if (hosted.Passed != true)
        {
            Assert.Contains($"comparison {twin.Id}", output.ToString());
            Assert.Equal(1L, await stack.ScalarAsync<long>(
                "SELECT count(*) FROM model_changes WHERE prompt_name = $1 AND NOT forced AND comparison_id = $2 AND to_model = 'embedded-twin'", marker, twin.Id));
            // Production is now the twin: going back to default needs a comparison against the twin.
            using var back = await manager.PostAsJsonAsync("/api/models/production", new SwitchProductionModelRequest("default", marker), Ct);
            Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        }
    }

    private static async Task<ModelComparisonView> CompareAsync(HttpClient manager, CreateModelComparisonRequest request)
    {
        using var started = await manager.PostAsJsonAsync("/api/models/comparisons", request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var view = (await started.Content.ReadFromJsonAsync<ModelComparisonView>(Ct))!;
        Assert.Equal($"/api/models/comparisons/{view.Id}", started.Headers.Location?.OriginalString);
        var done = await Eventually.ValueAsync(async () =>
        {
            try
            {
                var current = await manager.GetFromJsonAsync<ModelComparisonView>($"/api/models/comparisons/{view.Id}", Ct);
                return current!.Status == "running" ? null : current;
            }
            catch (TaskCanceledException) when (!Ct.IsCancellationRequested)
            {
                // The read that writes the report runs the monitors once; a cold API process on a loaded machine can
                // take longer than the client's 30 s. The next read finds the work warm (or done).
                return null;
            }
        }, TimeSpan.FromMinutes(3), $"comparison {view.Id}");
        Assert.Equal("completed", done.Status);
        return done;
    }
}
