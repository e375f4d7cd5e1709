using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace SupportBot.Hosting;

/// <summary>How an AppHost run (or a test) lays out and starts the stack.</summary>
public sealed class AppHostOptions
{
    /// <summary>Everything the stack keeps between runs: databases, logs, generated config, dev keys.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The folder holding SupportBot.sln; projects and dashboards are found from here.</summary>
    public string RepositoryRoot { get; init; } = FindRepositoryRoot();

    /// <summary>Debug or Release: which build output of the services to run.</summary>
    public string BuildConfiguration { get; init; } =
        typeof(AppHostOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Connection strings given in configuration replace the resources that would provide them.</summary>
    public IConfiguration Configuration { get; init; } = new ConfigurationBuilder().Build();

    /// <summary>When false, every port comes from the OS (tests); when true, the usual ports are tried first.</summary>
    public bool PreferFixedPorts { get; init; } = true;

    /// <summary>Tests turn fsync off: faster, and their data need not survive a power cut.</summary>
    public bool DurableStorage { get; init; } = true;

    public TimeSpan PrometheusScrapeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where each resource's output lines go, besides its log file.</summary>
    public Action<string, string>? OnLogLine { get; init; }

    public string Environment { get; init; } = "Development";

    public static string FindRepositoryRoot(string? start = null)
    {
        for (var directory = new DirectoryInfo(start ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SupportBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SupportBot.sln above {start ?? AppContext.BaseDirectory}: run from a clone of the repository.");
    }
}
