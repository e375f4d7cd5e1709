using System.Reflection;

namespace SupportBot.Hosting;

/// <summary>Where the repository is and which build of it runs: the same for the AppHost, tests and benchmarks.</summary>
public static class AppHostOptions
{
    /// <summary>Debug or Release: the configuration this assembly (and so the stack beside it) was built in.</summary>
    public static string BuildConfiguration { get; } =
        typeof(AppHostOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

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
