using System.Globalization;
using System.Net.Http.Json;
using SupportBot.Cli.Simulation;
using SupportBot.Contracts;

namespace SupportBot.Cli.Commands;

/// <summary>`simulate --customers`: the phase-3 traffic (see <see cref="CustomerSimulator"/>), paced like the ticket simulation.</summary>
internal static class CustomerSimulation
{
    public static async Task<int> RunAsync(
        string? api, string? key, double rate, TimeSpan? duration, int? count, int seed, string ticketsFile, TextWriter output, CancellationToken cancellationToken)
    {
        var connection = ApiConnection.Resolve(api, key);
        var channelKey = ChannelKey(key);
        var cleared = await CustomerFacingCategoriesAsync(connection, cancellationToken);
        var tickets = (await HeldOutTickets.LoadAsync(ticketsFile, cancellationToken)).Where(t => t.Category is { } c && cleared.Contains(c)).ToList();
        if (tickets.Count == 0)
        {
            throw new CliException(cleared.Count == 0
                ? "no customer-facing category: promote one first (POST /api/categories/{name}/phase)"
                : $"no held-out demo tickets in the customer-facing categories ({string.Join(", ", cleared)})");
        }

        var simulator = new CustomerSimulator(connection.BaseAddress, channelKey, tickets, seed);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"simulate --customers: {tickets.Count} held-out tickets in {string.Join(", ", cleared)}, {rate} conversations per minute, against {connection.BaseAddress} (Ctrl-C stops)"));
        var interval = TimeSpan.FromMinutes(1) / rate;
        var deadline = duration is { } d ? DateTimeOffset.UtcNow + d : DateTimeOffset.MaxValue;
        var running = new List<Task>();
        try
        {
            for (var started = 0; (count is null || started < count) && DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested; started++)
            {
                running.Add(simulator.PlayOneAsync(cancellationToken));
                if ((started + 1) % 10 == 0)
                {
                    await output.WriteLineAsync(Progress(simulator));
                }

                await Task.Delay(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(running);
        await output.WriteLineAsync(Progress(simulator));
        foreach (var (outcome, n) in simulator.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  {outcome,-32} {n,5}");
        }

        await output.WriteLineAsync("simulate --customers: done; resolution rates: GET /api/resolution, dashboard \"Customer-facing\" (gauges refresh every 15 s).");
        return simulator.Conversations == 0 && simulator.Failures > 0
            ? throw new CliException($"no conversation got through: {simulator.LastError}", CliExitCodes.Unavailable)
            : CliExitCodes.Ok;
    }

    private static string Progress(CustomerSimulator simulator) => string.Create(CultureInfo.InvariantCulture,
        $"conversations {simulator.Conversations}, failures {simulator.Failures}{(simulator.LastError is { } e ? $" (last: {e})" : "")}");

    /// <summary>--key, then $SUPPORTBOT_API_KEY, then the running AppHost's dev channel key.</summary>
    private static string ChannelKey(string? key)
    {
        if (!string.IsNullOrWhiteSpace(key) || Environment.GetEnvironmentVariable("SUPPORTBOT_API_KEY") is { Length: > 0 } env && (key = env) is not null)
        {
            return key!;
        }

        if (StackLocator.ReadMap("dev-keys.json") is { } keys
            && keys.TryGetValue(Roles.Channel, out var channel))
        {
            return channel;
        }

        throw new CliException("no channel key: pass --key (an admin key), set SUPPORTBOT_API_KEY, or start the AppHost for its dev keys", CliExitCodes.Unavailable);
    }

    private static async Task<HashSet<string>> CustomerFacingCategoriesAsync(ApiConnection connection, CancellationToken cancellationToken)
    {
        using var agent = connection.Client(connection.AgentKey);
        try
        {
            var gates = await agent.GetFromJsonAsync<List<CategoryGateView>>("/api/gates", cancellationToken) ?? [];
            return gates.Where(g => g.Phase == "customer-facing").Select(g => g.Category).ToHashSet(StringComparer.Ordinal);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot read the categories from {connection.BaseAddress}: {ex.Message}", CliExitCodes.Unavailable);
        }
    }
}
