using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using SupportBot.Cli.Simulation;

namespace SupportBot.Cli.Commands;

/// <summary>`supportbot simulate`: live-like traffic through the API so gates, gauges and dashboards show data.</summary>
public static class SimulateCommand
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    public static Command Build(TextWriter output)
    {
        var minutes = new Option<double?>("--minutes") { Description = "Stop after this many minutes (default: run until Ctrl-C, or --count)." };
        var rate = new Option<double>("--rate") { Description = "Tickets per minute.", DefaultValueFactory = _ => 30 };
        var count = new Option<int?>("--count") { Description = "Stop after this many tickets." };
        var api = new Option<string?>("--api") { Description = "API base URL (default: $SUPPORTBOT_API_URL, or the running AppHost's)." };
        var key = new Option<string?>("--key") { Description = "An admin API key for every call (default: $SUPPORTBOT_API_KEY, or the AppHost's dev integration and agent keys)." };
        var seed = new Option<int>("--seed") { Description = "Seed for ticket order, edits and thumbs: the same seed replays the same traffic.", DefaultValueFactory = _ => 1 };
        var category = new Option<string?>("--category") { Description = "Post every ticket in this (existing) category instead of its own." };
        var replyDelay = new Option<double>("--reply-delay") { Description = "Seconds the simulated agent waits before sending the reply.", DefaultValueFactory = _ => 2 };
        var ticketsFile = new Option<string?>("--tickets") { Description = "JSON Lines tickets to replay the held-out slice of (default: data/demo/tickets.jsonl)." };
        var customers = new Option<bool>("--customers")
        {
            Description = "Phase 3 instead: seeded customers (satisfied, asks again, asks for a human, gives up, comes back) chat with the bot in the customer-facing categories; --rate is conversations per minute.",
        };

        var command = new Command("simulate",
            "Replays held-out demo tickets (every fifth: TL-10005, TL-10010, ...) as live tickets, then sends replies (unchanged, lightly edited or rewritten) and thumbs through the signals API.")
        {
            minutes, rate, count, api, key, seed, category, replyDelay, ticketsFile, customers,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SimulationOptions(
                parse.GetValue(rate),
                parse.GetValue(minutes) is { } m ? TimeSpan.FromMinutes(m) : null,
                parse.GetValue(count),
                parse.GetValue(seed),
                parse.GetValue(category),
                TimeSpan.FromSeconds(parse.GetValue(replyDelay)));
            Validate(options, parse.GetValue(minutes));
            var file = parse.GetValue(ticketsFile) ?? HeldOutTickets.FindDemoFile()
                ?? throw new CliException("no tickets file: pass --tickets, or run from the repository (data/demo/tickets.jsonl)");
            if (!File.Exists(file))
            {
                throw new CliException($"--tickets: {file} does not exist");
            }

            if (parse.GetValue(customers))
            {
                return await CustomerSimulation.RunAsync(parse.GetValue(api), parse.GetValue(key), options.Rate, options.Duration, options.Count, options.Seed,
                    file, output, cancellationToken);
            }

            var connection = ApiConnection.Resolve(parse.GetValue(api), parse.GetValue(key));
            await PreflightAsync(connection, options.Category, cancellationToken);
            var tickets = await HeldOutTickets.LoadAsync(file, cancellationToken);
            var simulator = new TrafficSimulator(connection, tickets, options);

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"simulate: {tickets.Count} held-out tickets, {options.Rate} per minute, against {connection.BaseAddress} (Ctrl-C stops)"));
            var clock = Stopwatch.StartNew();
            var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            using var progressStop = new CancellationTokenSource();
            var progress = ReportProgressAsync(output, simulator.Tally, clock, interactive, progressStop.Token);
            await simulator.RunAsync(Grace, cancellationToken);
            await progressStop.CancelAsync();
            await progress;

            await WriteSummaryAsync(output, simulator.Tally, clock.Elapsed, interactive, cancellationToken.IsCancellationRequested);
            if (simulator.Tally.Sent == 0 && simulator.Tally.Failures > 0)
            {
                throw new CliException($"nothing was sent: {simulator.Tally.LastError}", CliExitCodes.Unavailable);
            }

            return CliExitCodes.Ok;
        });
        return command;
    }

    private static void Validate(SimulationOptions options, double? minutes)
    {
        if (options.Rate is <= 0 or > 6_000 || double.IsNaN(options.Rate))
        {
            throw new CliException("--rate: tickets per minute, more than 0 and at most 6000");
        }

        if (minutes is <= 0)
        {
            throw new CliException("--minutes must be more than 0");
        }

        if (options.Count is <= 0)
        {
            throw new CliException("--count must be at least 1");
        }

        if (options.ReplyDelay < TimeSpan.Zero || options.ReplyDelay > TimeSpan.FromMinutes(10))
        {
            throw new CliException("--reply-delay: seconds, 0 to 600");
        }
    }

    /// <summary>One cheap call first, so a wrong URL, key or category is one clear line instead of a stream of failures.</summary>
    private static async Task PreflightAsync(ApiConnection connection, string? category, CancellationToken cancellationToken)
    {
        using var agent = connection.Client(connection.AgentKey);
        HttpResponseMessage response;
        try
        {
            response = await agent.GetAsync(category is null ? "/api/gates" : $"/api/gates/{Uri.EscapeDataString(category)}", cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the API at {connection.BaseAddress}: {ex.Message}", CliExitCodes.Unavailable);
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    throw new CliException($"the API at {connection.BaseAddress} rejected the key ({(int)response.StatusCode}); --key needs the admin role");
                case HttpStatusCode.NotFound when category is not null:
                    throw new CliException($"--category: no category named '{category}'");
                case var status when !response.IsSuccessStatusCode:
                    throw new CliException($"the API at {connection.BaseAddress} answered {(int)status} {response.ReasonPhrase}", CliExitCodes.Unavailable);
            }
        }
    }

    private static async Task ReportProgressAsync(TextWriter output, SimulationTally tally, Stopwatch clock, bool interactive, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var line = tally.ProgressLine(clock.Elapsed);
                await output.WriteAsync(interactive ? $"\r{line,-140}" : line + Environment.NewLine);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WriteSummaryAsync(TextWriter output, SimulationTally tally, TimeSpan elapsed, bool interactive, bool interrupted)
    {
        if (interactive)
        {
            await output.WriteLineAsync();
        }

        await output.WriteLineAsync(tally.ProgressLine(elapsed));
        foreach (var (category, c) in tally.Categories.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var edited = c.Sent == 0 ? 0 : (double)(c.LightEdit + c.Rewrite) / c.Sent;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {category,-24} sent {c.Sent,4}  unchanged {c.Unchanged,4}  light edit {c.LightEdit,4}  rewritten {c.Rewrite,4}  edited share {edited:0.00}  thumbs {c.ThumbsUp} up / {c.ThumbsDown} down"));
        }

        await output.WriteLineAsync(interrupted
            ? "simulate: stopped; gates and gauges catch up once the worker has processed the last signals (GET /api/gates)."
            : "simulate: done; gates and gauges catch up once the worker has processed the last signals (GET /api/gates).");
    }
}
