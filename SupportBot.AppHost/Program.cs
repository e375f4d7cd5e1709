using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using SupportBot.AppHost;
using SupportBot.Hosting;

var fresh = new Option<bool>("--fresh") { Description = "Wipe the state folder (databases, logs, dev keys) before starting." };
var stateDir = new Option<string?>("--state-dir")
{
    Description = "Where the stack keeps its data between runs (default: .supportbot in the repository, or $SUPPORTBOT_STATE_DIR).",
};
var dynamicPorts = new Option<bool>("--dynamic-ports")
{
    Description = "Let the OS pick every port instead of the usual ones (to run several stacks side by side).",
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
var root = new RootCommand("Starts SupportBot locally: Postgres, Redis, the API, the eval worker, Prometheus and (when installed) Grafana.")
{
    fresh,
    stateDir,
    dynamicPorts,
    noDemo,
    simulate,
    simulateRate,
};

root.SetAction(async (parse, _) =>
{
    var repositoryRoot = AppHostOptions.FindRepositoryRoot();
    var state = Path.GetFullPath(parse.GetValue(stateDir)
        ?? Environment.GetEnvironmentVariable("SUPPORTBOT_STATE_DIR")
        ?? Path.Combine(repositoryRoot, ".supportbot"));
    if (parse.GetValue(fresh))
    {
        try
        {
            // Never wipe the data of a stack that is running: the lock says whether one is.
            using (var running = new StateDirectory(state))
            {
                running.Lock();
            }

            StateDirectory.Wipe(state);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"apphost: {ex.Message}");
            return 1;
        }
    }

    var console = new ConsoleLog();
    var options = new AppHostOptions
    {
        StateDirectory = state,
        RepositoryRoot = repositoryRoot,
        Configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build(),
        OnLogLine = console.Write,
        PreferFixedPorts = !parse.GetValue(dynamicPorts),
    };

    // Our own handlers, so Ctrl-C and SIGTERM stop the children in order instead of killing the host.
    using var shutdown = new CancellationTokenSource();
    void RequestShutdown(PosixSignalContext context)
    {
        context.Cancel = true;
        if (!shutdown.IsCancellationRequested)
        {
            Console.Out.WriteLine("apphost: stopping all resources...");
            shutdown.Cancel();
        }
    }

    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);

    Console.Out.WriteLine($"apphost: state folder {state}");
    if (parse.GetValue(simulate) && parse.GetValue(simulateRate) is <= 0 or > 6_000)
    {
        Console.Error.WriteLine("apphost: --simulate-rate: tickets per minute, more than 0 and at most 6000");
        return 1;
    }

    await using var app = SupportBotAppModel.Build(
        options, demoData: !parse.GetValue(noDemo), simulateRate: parse.GetValue(simulate) ? parse.GetValue(simulateRate) : null);
    try
    {
        await app.StartAsync(shutdown.Token);
    }
    catch (OperationCanceledException)
    {
        Console.Out.WriteLine("apphost: start cancelled; everything started so far was stopped.");
        return 130;
    }
    catch (Exception ex)
    {
        // One line for the person at the terminal; the whole story in the log folder.
        var logs = Path.Combine(state, "logs");
        Directory.CreateDirectory(logs);
        await File.AppendAllTextAsync(Path.Combine(logs, "apphost.log"), $"{DateTimeOffset.UtcNow:O} start failed: {ex}{Environment.NewLine}", CancellationToken.None);
        Console.Error.WriteLine($"apphost: {ex.Message.Split('\n')[0]}");
        Console.Error.WriteLine($"apphost: details and each resource's log are in {logs}");
        return 1;
    }

    ResourceTable.Print(app);
    Console.Out.WriteLine($"apphost: dev API keys (header X-Api-Key), one per role: {Path.Combine(state, "dev-keys.json")}");
    Console.Out.WriteLine("apphost: ready. Ctrl-C stops everything.");

    try
    {
        await Task.Delay(Timeout.Infinite, shutdown.Token);
    }
    catch (OperationCanceledException)
    {
    }

    await app.StopAsync();
    ResourceTable.Print(app);
    Console.Out.WriteLine("apphost: stopped.");
    return 0;
});

return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
