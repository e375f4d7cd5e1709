using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Contracts;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>
/// A worker killed in the middle of a run: the next worker re-claims the run once the lease expires,
/// keeps every result already written (no item drafted twice) and finishes the rest.
/// </summary>
public sealed class ExperimentCrashTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_worker_s_run_resumes_without_redoing_or_losing_items()
    {
        var marker = "crash" + Guid.NewGuid().ToString("N")[..10];
        await using var host = new DraftingHost(stack);
        Guid datasetId;
        await using (var scope = host.CreateScope())
        {
            var sources = scope.ServiceProvider.GetRequiredService<DatasetItemSources>();
            var items = await sources.FromTicketsAsync(new TicketSelection(Tag: null, Limit: 240), Ct);
            datasetId = (await scope.ServiceProvider.GetRequiredService<DatasetStore>().CreateAsync(marker, "", null, items, "created", Ct)).DatasetId;
        }

        // A prompt of its own: no cached model responses from other tests make the run finish before the kill.
        using var manager = stack.ApiClient(Roles.Manager);
        using var prompt = await manager.PostAsJsonAsync("/api/prompts", new CreatePromptVersionRequest(marker, $"Reply in {{{{language}}}}. {marker}", null, ["production"]), Ct);
        prompt.EnsureSuccessStatusCode();
        var environment = new Dictionary<string, string>
        {
            ["Experiments__Pool"] = marker,
            ["Experiments__LeaseSeconds"] = "3",
            ["Experiments__SweepSeconds"] = "1",
            ["Experiments__Concurrency"] = "1",
            // The worker also consumes signals: a stream of its own, so the killed one holds no other test's events.
            ["Signals__StreamName"] = $"{marker}:signals",
            ["Signals__GroupName"] = marker,
            ["Signals__DeadLetterStreamName"] = $"{marker}:signals:dead",
        };

        var first = await WorkerProcess.StartAsync(stack, environment, Ct);
        // A pool is accepted once its worker reads its queue (no run waits on a pool nobody serves).
        var run = await ExperimentApi.StartWhenServedAsync(manager, new CreateExperimentRequest(datasetId.ToString(), Prompt: marker, Pool: marker));
        await Eventually.ValueAsync(async () => await ResultCountAsync(run.Id) >= 10 ? "" : null, TimeSpan.FromMinutes(1), "first results");
        await first.KillAsync();
        await first.DisposeAsync();
        var beforeResume = await ResultsAsync(run.Id);
        Assert.InRange(beforeResume.Count, 10, run.Total - 1);
        Assert.Equal(ExperimentStatuses.Running, await stack.ScalarAsync<string>("SELECT status FROM experiment_runs WHERE id = $1", run.Id));

        await using var second = await WorkerProcess.StartAsync(stack, environment, Ct);
        var report = await ExperimentApi.WaitAsync(manager, run.Id, TimeSpan.FromMinutes(3));

        Assert.Equal(ExperimentStatuses.Completed, report.Run.Status);
        Assert.Equal(run.Total, report.Run.Completed);
        var after = await ResultsAsync(run.Id);
        Assert.Equal(run.Total, after.Count);
        Assert.Equal(run.Total, await stack.ScalarAsync<long>(
            """
            SELECT count(*) FROM dataset_items i
            WHERE i.dataset_id = $1 AND (SELECT count(*) FROM experiment_item_results r WHERE r.run_id = $2 AND r.item_id = i.id) = 1
            """, datasetId, run.Id));
        // Results written before the crash are the ones that remain: the items were not drafted again.
        Assert.All(beforeResume, r => Assert.Equal(r.Value, after[r.Key]));
        Assert.Equal(0L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM scores WHERE experiment_run_id = $1 GROUP BY trace_id, name HAVING count(*) > 1) d", run.Id));
    }

    private async Task<long> ResultCountAsync(Guid runId) =>
        await stack.ScalarAsync<long>("SELECT count(*) FROM experiment_item_results WHERE run_id = $1", runId);

    private async Task<Dictionary<Guid, (string?, DateTime)>> ResultsAsync(Guid runId)
    {
        var rows = new Dictionary<Guid, (string?, DateTime)>();
        await using var source = Npgsql.NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        await using var command = source.CreateCommand("SELECT item_id, trace_id, created_at FROM experiment_item_results WHERE run_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetDateTime(2));
        }

        return rows;
    }
}
