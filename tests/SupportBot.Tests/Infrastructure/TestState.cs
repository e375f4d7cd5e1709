namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// State folders for test stacks live under /tmp: every user (Postgres runs as 'postgres') can
/// traverse it, wherever the repository was cloned.
/// </summary>
public static class TestState
{
    /// <summary>
    /// Test stacks must not replace the developer's ~/.local/state/supportbot/last-stack: every
    /// AppHost this process starts (in-process or as a child) records itself under /tmp instead.
    /// </summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void KeepLastStackPointerOutOfHome() =>
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", Path.Combine(Path.GetTempPath(), "supportbot-tests", "xdg-state"));

    public static string NewDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "supportbot-tests", $"{purpose}-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its stack would be caught by the process tests; leftovers in /tmp are harmless.
        }
    }
}
