namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// State folders for test stacks live under /tmp: every user (Postgres runs as 'postgres') can
/// traverse it, wherever the repository was cloned.
/// </summary>
public static class TestState
{
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
