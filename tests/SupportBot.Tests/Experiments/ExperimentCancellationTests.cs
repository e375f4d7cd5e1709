using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>Runs can be cancelled (API and CLI), and a run on a pool no worker serves is refused instead of waiting forever.</summary>
public sealed class ExperimentCancellationTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cancelled_run_stops_says_who_and_why_and_cannot_be_cancelled_twice()
    {
        var name = await DatasetAsync(items: 40);
        using var manager = stack.ApiClient(Roles.Manager);
        using var queued = await manager.PostAsJsonAsync("/api/experiments", new CreateExperimentRequest(name), Ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var id = (await queued.ReadJsonAsync()).GetProperty("id").GetGuid();

        using var cancelled = await manager.PostAsJsonAsync($"/api/experiments/{id}/cancel", new CancelExperimentRequest("wrong dataset"), Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var view = await cancelled.ReadJsonAsync();
        Assert.Equal("cancelled", view.GetProperty("status").GetString());
        Assert.Contains("wrong dataset", view.GetProperty("error").GetString());

        // The worker lets go within a third of its lease; the run stays cancelled and stops growing.
        await Task.Delay(TimeSpan.FromSeconds(12), Ct);
        var first = await RunAsync(manager, id);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        var later = await RunAsync(manager, id);
        Assert.Equal("cancelled", later.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("completed").GetInt32(), later.GetProperty("completed").GetInt32());
        Assert.True(later.GetProperty("completed").GetInt32() < 40);

        using var again = await manager.PostAsJsonAsync($"/api/experiments/{id}/cancel", new CancelExperimentRequest(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await manager.PostAsJsonAsync($"/api/experiments/{Guid.NewGuid()}/cancel", new CancelExperimentRequest(), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var agent = stack.ApiClient(Roles.Agent);
        using var forbidden = await agent.PostAsJsonAsync($"/api/experiments/{id}/cancel", new CancelExperimentRequest(), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_cli_cancels_a_queued_run_and_says_so_once()
    {
        var name = await DatasetAsync(items: 30);
        using var manager = stack.ApiClient(Roles.Manager);
        using var queued = await manager.PostAsJsonAsync("/api/experiments", new CreateExperimentRequest(name), Ct);
        var id = (await queued.ReadJsonAsync()).GetProperty("id").GetGuid();

        var first = await stack.CliWithDatabaseAsync("experiment", "cancel", id.ToString(), "--reason", "too slow");
        var second = await stack.CliWithDatabaseAsync("experiment", "cancel", id.ToString());

        Assert.Equal((0, $"run {id} cancelled"), (first.ExitCode, first.Output.Trim()));
        Assert.Equal(1, second.ExitCode);
        Assert.Equal($"supportbot: run {id} is not queued or running (unknown, or already finished)", second.Error.Trim());
        Assert.Contains("too slow", (await RunAsync(manager, id)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_pool_no_worker_serves_is_a_400_naming_the_field_and_nothing_is_queued()
    {
        var name = await DatasetAsync(items: 1);
        using var manager = stack.ApiClient(Roles.Manager);
        var before = (await manager.GetFromJsonAsync<JsonElement>("/api/experiments?limit=500", Ct)).GetArrayLength();

        using var response = await manager.PostAsJsonAsync("/api/experiments", new CreateExperimentRequest(name, Pool: "nobody-serves-this"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("nobody-serves-this", problem.GetProperty("errors").GetProperty("pool")[0].GetString());
        var runs = await manager.GetFromJsonAsync<JsonElement>("/api/experiments?limit=500", Ct);
        Assert.DoesNotContain(runs.EnumerateArray(), r => r.GetProperty("datasetName").GetString() == name);
        Assert.True(runs.GetArrayLength() >= before);
    }

    private async Task<string> DatasetAsync(int items)
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "cancel-" + seed.Marker;
        for (var i = 0; i < items; i++)
        {
            await seed.TicketAsync(category, $"Export {i}", $"How do I export project {i} to CSV?", "Hi,\n\nOpen the project, then Export → CSV.\n\nBest, Kim");
        }

        var name = "cancel-" + seed.Marker;
        Assert.Equal(0, (await stack.CliWithDatabaseAsync("datasets", "create", name, "--category", category)).ExitCode);
        return name;
    }

    private static async Task<JsonElement> RunAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/experiments/{id}", Ct)).GetProperty("run");
}
