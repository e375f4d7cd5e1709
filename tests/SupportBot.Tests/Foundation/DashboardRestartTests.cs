using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>
/// A crashed service shows as exited in the Aspire dashboard and starts again from its row. The
/// dashboard's ▶ button runs the resource's "resource-start" command through Aspire's
/// ResourceCommandService, which is what this test calls. Its own stack, not the shared one: the
/// shared worker going down would stall every other test's signals.
/// </summary>
public sealed class DashboardRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_worker_shows_as_exited_and_the_dashboard_start_command_brings_it_back_healthy()
    {
        using var ownStack = await OwnStacks.EnterAsync(TestContext.Current.CancellationToken);
        var state = TestState.NewDirectory("restart");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(8));
            await using var app = await StackFixture.StartAsync(StackFixture.AppHostArguments(state), timeout.Token);

            var running = await app.ResourceNotifications.WaitForResourceHealthyAsync("evalworker", timeout.Token);
            var pid = ProcessId(running.Snapshot);
            // The resource's process and whatever it started (a `dotnet run` wrapper runs the service as its child).
            foreach (var process in ProcessTree.Descendants(pid).Append(pid))
            {
                KillIfAlive(process);
            }

            var exited = await app.ResourceNotifications.WaitForResourceAsync(
                "evalworker", e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", timeout.Token);
            Assert.NotEqual(0, exited.Snapshot.ExitCode ?? 0);
            Assert.False(ProcessTree.IsAlive(pid));

            var result = await app.ResourceCommands.ExecuteCommandAsync("evalworker", KnownResourceCommands.StartCommand, timeout.Token);
            Assert.True(result.Success, result.Message);

            // The command returns once DCP is asked to start it: the snapshot may still say Exited for a moment,
            // which the default wait would take for a failed start.
            var healthy = await app.ResourceNotifications.WaitForResourceHealthyAsync("evalworker", WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
            Assert.NotEqual(pid, ProcessId(healthy.Snapshot));
            using var worker = new HttpClient { BaseAddress = new Uri(app.GetEndpoint("evalworker", "http").ToString()) };
            using var health = await worker.GetAsync("/health", timeout.Token);
            Assert.True(health.IsSuccessStatusCode, $"worker /health answered {(int)health.StatusCode} after the restart");
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    private static int ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("the worker's snapshot has no executable.pid");

    private static void KillIfAlive(int pid)
    {
        try
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
