using System.Text.Json;

namespace SupportBot.Cli;

/// <summary>
/// Which AppHost state folder (connections.json, resources.json, dev-keys.json) the CLI reads when no
/// --database, --api or --key says otherwise. In order: --state-dir, $SUPPORTBOT_STATE_DIR, then the
/// running stack of this CLI's own checkout (.supportbot next to its SupportBot.sln), then the stack
/// the AppHost last recorded in $XDG_STATE_HOME/supportbot/last-stack if it still runs, then this
/// checkout's stopped stack. It never walks up from the current folder, which could be another checkout.
/// </summary>
public static class StackLocator
{
    private sealed class Invocation(string? stateDirectory, TextWriter error)
    {
        public string? StateDirectory { get; } = stateDirectory;
        public TextWriter Error { get; } = error;
        public bool Announced { get; set; }
    }

    // Per invocation, not static: tests run many CLI invocations in one process at once.
    private static readonly AsyncLocal<Invocation?> Current = new();

    /// <summary>Sets --state-dir and where to say which stack was picked, for the invocation in this async flow.</summary>
    public static void Begin(string? stateDirectory, TextWriter error) => Current.Value = new Invocation(stateDirectory, error);

    public static IEnumerable<string> Candidates()
    {
        if (Current.Value?.StateDirectory is { Length: > 0 } explicitFolder)
        {
            yield return RequireFolder(Path.GetFullPath(explicitFolder), "--state-dir");
            yield break;
        }

        if (Environment.GetEnvironmentVariable("SUPPORTBOT_STATE_DIR") is { Length: > 0 } configured)
        {
            yield return RequireFolder(Path.GetFullPath(configured), "SUPPORTBOT_STATE_DIR");
            yield break;
        }

        var own = CheckoutStateDirectory();
        var last = LastRecordedStack();
        if (own is not null && IsRunning(own))
        {
            yield return own;
        }
        else if (last is not null && IsRunning(last))
        {
            yield return last;
        }
        else if (own is not null && Directory.Exists(own))
        {
            yield return own;
        }
    }

    /// <summary>Reads <paramref name="fileName"/> from the first candidate that has it, saying once (on stderr) which stack that is.</summary>
    public static string? FindFile(string fileName)
    {
        foreach (var folder in Candidates())
        {
            var file = Path.Combine(folder, fileName);
            if (File.Exists(file))
            {
                Announce(folder);
                return file;
            }
        }

        return null;
    }

    /// <summary>A name-to-value file of the stack (connections.json, dev-keys.json), or null when no candidate has it.</summary>
    public static Dictionary<string, string>? ReadMap(string fileName) =>
        FindFile(fileName) is { } file ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) : null;

    private static void Announce(string folder)
    {
        if (Current.Value is { Announced: false } invocation)
        {
            invocation.Announced = true;
            invocation.Error.WriteLine($"supportbot: stack {folder}{(IsRunning(folder) ? "" : " (its AppHost is not running)")}");
        }
    }

    private static string RequireFolder(string folder, string source) => Directory.Exists(folder)
        ? folder
        : throw new CliException($"{source}: no stack state folder at {folder}", CliExitCodes.Unavailable);

    /// <summary>.supportbot beside the SupportBot.sln this CLI was built from, when it runs from a checkout.</summary>
    private static string? CheckoutStateDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SupportBot.sln")))
            {
                return Path.Combine(directory.FullName, ".supportbot");
            }
        }

        return null;
    }

    private static string? LastRecordedStack()
    {
        var home = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var file = Path.Combine(home, "supportbot", "last-stack");
        return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } folder && Directory.Exists(folder) ? folder : null;
    }

    /// <summary>
    /// Whether the AppHost whose pid the folder records still runs. (Probing its apphost.lock instead
    /// could, for an instant, make an AppHost starting on that folder believe another one holds it.)
    /// </summary>
    private static bool IsRunning(string folder)
    {
        var pidFile = Path.Combine(folder, "apphost.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
