using System.Collections.Concurrent;

namespace SupportBot.Hosting.Resources;

public enum ResourceState
{
    Pending,
    Starting,
    Running,
    /// <summary>Given by a connection string in configuration: used, not started.</summary>
    External,
    /// <summary>Optional and not installed (Grafana without a binary).</summary>
    NotInstalled,
    Stopping,
    Stopped,
    Exited,
    Failed,
}

/// <summary>One thing the AppHost runs: a server, a service, or a connection to an existing one.</summary>
public abstract class Resource(string name) : IDisposable
{
    private readonly ConcurrentQueue<string> _recentLines = new();
    private StreamWriter? _logFile;

    public string Name { get; } = name;
    public ResourceState State { get; protected set; } = ResourceState.Pending;
    public List<Resource> Dependencies { get; } = [];

    /// <summary>Where a person or a client reaches it (no secrets).</summary>
    public virtual string? Url => null;

    public virtual int? Pid => null;

    /// <summary>A short note for the resource table, e.g. why it was not started.</summary>
    public string? Note { get; protected set; }

    internal AppHostContext Context { get; private set; } = null!;

    /// <summary>Starts the resource and returns once it reports ready.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync();

    /// <summary>The last lines the resource wrote, for error messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _recentLines);

    internal void Attach(AppHostContext context)
    {
        Context = context;
        _logFile = new StreamWriter(Path.Combine(context.State.LogsDirectory, Name + ".log"), append: true) { AutoFlush = true };
    }

    protected void Log(string line)
    {
        _recentLines.Enqueue(line);
        while (_recentLines.Count > 40)
        {
            _recentLines.TryDequeue(out _);
        }

        lock (_recentLines)
        {
            _logFile?.WriteLine(line);
        }

        Context.Options.OnLogLine?.Invoke(Name, line);
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        lock (_recentLines)
        {
            _logFile?.Dispose();
            _logFile = null;
        }
    }

    public override string ToString() => Name;
}

/// <summary>A resource that services reach through a connection string named <see cref="ConnectionName"/>.</summary>
public interface IResourceWithConnectionString
{
    string ConnectionName { get; }
    string ConnectionString { get; }
}

/// <summary>A resource with an HTTP endpoint.</summary>
public interface IResourceWithHttpEndpoint
{
    string Name { get; }
    int Port { get; }
    string HttpUrl => $"http://127.0.0.1:{Port}";
}
