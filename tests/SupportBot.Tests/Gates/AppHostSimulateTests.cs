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
        var state = TestState.NewDirectory("simulate");
        // Its own database (demo data loads into it) and its own Redis, so its signals stay in its stack.
        var database = await stack.CreateDatabaseAsync("simulate");
        try
        {
            await using var host = AppHostProcess.Start(state, new Dictionary<string, string>
            {
                ["ConnectionStrings__supportdb"] = database,
            }, "--simulate", "--simulate-rate", "600");
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));

            await Eventually.ValueAsync(
                async () => await CountAsync(database, "SELECT count(*) FROM draft_outcomes WHERE agent_id LIKE 'sim-agent-%' AND sent_text IS NOT NULL") > 0 ? "sent" : null,
                TimeSpan.FromSeconds(90), "simulated replies in the AppHost's database");
            Assert.True(await CountAsync(database, "SELECT count(*) FROM tickets WHERE external_id LIKE 'sim-%'") > 0);

            host.SendSigterm();
            Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromMinutes(1)));
            // The simulator's own log file (logs/simulator.log) is not written under Aspire yet: see the closing note of session 4.
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
