using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Data.Entities;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>Datasets and experiment runs through the real API, as a manager would drive them.</summary>
public static class ExperimentApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<DatasetChangeView> CreateDatasetAsync(HttpClient manager, string name, DatasetTicketFilter? fromTickets)
    {
        using var response = await manager.PostAsJsonAsync("/api/datasets", new CreateDatasetRequest(name, FromTickets: fromTickets), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DatasetChangeView>(Ct))!;
    }

    public static async Task<ExperimentRunView> StartAsync(HttpClient manager, CreateExperimentRequest request)
    {
        using var response = await manager.PostAsJsonAsync("/api/experiments", request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<ExperimentRunView>(Ct))!;
        Assert.Equal($"/api/experiments/{run.Id}", response.Headers.Location?.OriginalString);
        return run;
    }

    /// <summary>Queues a run on a dedicated pool as soon as that pool's worker is seen serving it.</summary>
    public static async Task<ExperimentRunView> StartWhenServedAsync(HttpClient manager, CreateExperimentRequest request) =>
        await Eventually.ValueAsync(async () =>
        {
            using var response = await manager.PostAsJsonAsync("/api/experiments", request, Ct);
            return response.StatusCode == HttpStatusCode.Accepted ? await response.Content.ReadFromJsonAsync<ExperimentRunView>(Ct) : null;
        }, TimeSpan.FromMinutes(1), $"pool {request.Pool} served by a worker");

    public static async Task<ExperimentReport> WaitAsync(HttpClient client, Guid runId, TimeSpan? timeout = null) =>
        await Eventually.ValueAsync(async () =>
        {
            var report = await client.GetFromJsonAsync<ExperimentReport>($"/api/experiments/{runId}", Ct);
            return SupportBot.Evaluation.Experiments.ExperimentLeases.IsFinished(report!.Run.Status) ? report : null;
        }, timeout ?? TimeSpan.FromMinutes(2), $"run {runId} finished");

    public static async Task<ExperimentRunView> RunAsync(HttpClient manager, CreateExperimentRequest request)
    {
        var run = await StartAsync(manager, request);
        var report = await WaitAsync(manager, run.Id);
        Assert.Equal(ExperimentStatuses.Completed, report.Run.Status);
        return report.Run;
    }
}
