using SupportBot.Hosting.Processes;

namespace SupportBot.Hosting.Resources;

/// <summary>A resource backed by one long-running child process.</summary>
public abstract class ProcessResource(string name) : Resource(name)
{
    private ChildProcess? _process;
    private bool _stopping;

    public override int? Pid => _process?.Pid;

    protected static TimeSpan StopGrace { get; } = TimeSpan.FromSeconds(20);

    protected ChildProcess Launch(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        string? runAsUser = null)
    {
        State = ResourceState.Starting;
        _process = ChildProcess.Start(fileName, arguments, Log, environment, workingDirectory, runAsUser);
        _ = _process.Exited.ContinueWith(exit => OnExited(exit.Result), TaskScheduler.Default);
        return _process;
    }

    /// <summary>Why the process cannot become ready any more, or null while it runs.</summary>
    protected string? ExitReason() =>
        _process is { HasExited: true } process
            ? $"{Name} exited with code {process.Exited.Result}. Last output:{Environment.NewLine}{RecentOutput}"
            : null;

    private void OnExited(int exitCode)
    {
        if (_stopping)
        {
            return;
        }

        State = State == ResourceState.Starting ? ResourceState.Failed : ResourceState.Exited;
        Note = $"exit code {exitCode}";
        Log($"process exited unexpectedly with code {exitCode}");
    }

    public override async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            State = State is ResourceState.Running or ResourceState.Starting ? ResourceState.Stopped : State;
            return;
        }

        _stopping = true;
        State = ResourceState.Stopping;
        await StopProcessAsync(_process);
        State = ResourceState.Stopped;
    }

    /// <summary>How this kind of process is stopped; SIGTERM, then SIGKILL after a grace period, by default.</summary>
    protected virtual Task StopProcessAsync(ChildProcess process) => process.StopAsync(StopGrace);

    protected void MarkRunning() => State = ResourceState.Running;
}
