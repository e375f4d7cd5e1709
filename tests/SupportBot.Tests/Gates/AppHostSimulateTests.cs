using Npgsql;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Gates;

/// <summary>`SupportBot.AppHost --simulate`: the simulator runs as a resource next to the stack and stops with it.</summary>
public sealed class AppHostSimulateTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Simulate_flag_feeds_the_stack_until_it_stops()
    {
        using var ownStack = await OwnStacks.EnterAsync(TestContext.Current.CancellationToken);
        var state = TestState.NewDirectory("simulate");
        // Its own database (demo data loads into it) and its own Redis, so its signals stay in its stack.
        var database = await stack.CreateDatabaseAsync("simulate");
        try
        {
            await using var host = AppHostProcess.Start(state, new Dictionary<string, string>
            {
                ["ConnectionStrings__supportdb"] = database,
            }, "--simulate", "--simulate-rate", "600");
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(6));

            try
            {
                // Patient: in the suite this second stack shares 2 cores with the fixture's and its worker
                // embeds the demo tickets before the simulator's first reply can be drafted.
                await Eventually.ValueAsync(
                    async () => await CountAsync(database, "SELECT count(*) FROM draft_outcomes WHERE agent_id LIKE 'sim-agent-%' AND sent_text IS NOT NULL") > 0 ? "sent" : null,
                    TimeSpan.FromMinutes(4), "simulated replies in the AppHost's database");
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- simulator.log\n{Tail(state, "simulator")}\n--- api.log\n{Tail(state, "api")}\n--- evalworker.log\n{Tail(state, "evalworker")}");
            }

            Assert.True(await CountAsync(database, "SELECT count(*) FROM tickets WHERE external_id LIKE 'sim-%'") > 0);

            host.SendSigterm();
            Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromMinutes(1)));
            var log = await File.ReadAllTextAsync(Path.Combine(state, "logs", "simulator.log"), Ct);
            // Its console output is in its log file, as the dashboard shows it. (Its closing summary may be
            // missing: DCP stops the `dotnet run` wrapper, which does not always pass SIGTERM on in time.)
            Assert.Contains("held-out tickets", log, StringComparison.Ordinal);
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    private static string Tail(string state, string resource)
    {
        var path = Path.Combine(state, "logs", resource + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(40)) : "(no log)";
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
