using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SupportBot.AppHost;
using SupportBot.Hosting;

var fresh = new Option<bool>("--fresh") { Description = "Wipe the state folder (databases, logs, dev keys) before starting." };
var stateDir = new Option<string?>("--state-dir")
{
    Description = "Where the stack keeps its data between runs (default: .supportbot in the repository, or $SUPPORTBOT_STATE_DIR).",
};
var dynamicPorts = new Option<bool>("--dynamic-ports")
{
    Description = "Let the OS pick every port, the dashboard's too, instead of the usual ones (to run several stacks side by side).",
};
var noDemo = new Option<bool>("--no-demo")
{
    Description = "Start with an empty knowledge base instead of loading data/demo into an empty database.",
};
var simulate = new Option<bool>("--simulate")
{
    Description = "Also run `supportbot simulate`: held-out demo tickets, replies and thumbs through the API, so gates and dashboards fill up.",
};
var simulateRate = new Option<double>("--simulate-rate")
{
    Description = "Simulated tickets per minute with --simulate.",
    DefaultValueFactory = _ => 30,
};
var replicas = new Option<string?>("--replicas")
{
    Description = "Replicas per service, e.g. api=2,evalworker=3 (services: api, evalworker, web; default one each). Also SupportBot:Replicas in configuration.",
};
var root = new RootCommand(
    "Starts SupportBot through .NET Aspire: Postgres, Redis, the API, the eval worker, Prometheus, Alertmanager, Grafana (when installed) " +
    "and the Aspire dashboard. Other arguments (Key=Value) are Aspire configuration.")
{
    fresh,
    stateDir,
    dynamicPorts,
    noDemo,
    simulate,
    simulateRate,
    replicas,
};

// Unmatched tokens are configuration for Aspire (e.g. from Aspire.Hosting.Testing).
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction(async (parse, cancellationToken) =>
{
    var replicaCounts = StackSettings.ParseReplicas(parse.GetValue(replicas) ?? ParsedConfiguration(parse, "SupportBot:Replicas") ?? "", out var replicasError);
    if (replicaCounts is null)
    {
        Console.Error.WriteLine($"apphost: --replicas {replicasError}");
        return 1;
    }

    var settings = new StackSettings
    {
        Replicas = replicaCounts,
        RepositoryRoot = AppHostOptions.FindRepositoryRoot(),
        DynamicPorts = parse.GetValue(dynamicPorts),
        DemoData = !parse.GetValue(noDemo),
        SimulateRate = parse.GetValue(simulate) ? parse.GetValue(simulateRate) : null,
    };
    if (settings.SimulateRate is <= 0 or > 6_000)
    {
        Console.Error.WriteLine("apphost: --simulate-rate: tickets per minute, more than 0 and at most 6000");
        return 1;
    }

    var path = Path.GetFullPath(parse.GetValue(stateDir)
        ?? Environment.GetEnvironmentVariable("SUPPORTBOT_STATE_DIR")
        ?? Path.Combine(settings.RepositoryRoot, ".supportbot"));
    if (StackStart.TakeStateFolder(path, parse.GetValue(fresh)) is not { } state)
    {
        return 1;
    }

    var builder = DistributedApplication.CreateBuilder(parse.UnmatchedTokens.ToArray());
    if (StackStart.TryDescribe(() => SupportBotAppModel.Describe(builder, state, settings)) is false)
    {
        return 1;
    }

    // Not inside a catch-all: Aspire.Hosting.Testing stops this method at Build() with an exception of its own.
    await using var app = builder.Build();
    Console.Out.WriteLine($"apphost: state folder {state.Path}");
    await app.StartAsync(cancellationToken);
    await ReadyReport.PrintWhenHealthyAsync(app, state, cancellationToken);
    await app.WaitForShutdownAsync(cancellationToken);
    Console.Out.WriteLine("apphost: stopped.");
    return 0;
});

// SupportBot:Replicas=... among the Aspire configuration arguments (how Aspire.Hosting.Testing passes settings).
static string? ParsedConfiguration(ParseResult parse, string key) =>
    parse.UnmatchedTokens.Select(token => token.TrimStart('-')).FirstOrDefault(token => token.StartsWith(key + "=", StringComparison.OrdinalIgnoreCase))?[(key.Length + 1)..];

// No handler of System.CommandLine's own: Aspire's host stops everything on Ctrl-C and SIGTERM,
// and exceptions must reach Aspire.Hosting.Testing.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
