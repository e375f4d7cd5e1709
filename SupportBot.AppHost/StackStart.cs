using SupportBot.Hosting;

namespace SupportBot.AppHost;

/// <summary>What happens before Aspire starts: taking the state folder, and one-line errors.</summary>
internal static class StackStart
{
    /// <summary>
    /// Locks the state folder for this process (until it exits), wiping it first with --fresh. A
    /// second AppHost on the same folder is refused before it writes anything there.
    /// </summary>
    public static StateDirectory? TakeStateFolder(string path, bool fresh)
    {
        try
        {
            if (fresh && Directory.Exists(path))
            {
                // Never wipe the data of a stack that is running: the lock says whether one is.
                using (var probe = new StateDirectory(path))
                {
                    probe.Lock();
                }

                StateDirectory.Wipe(path);
            }

            var state = new StateDirectory(path);
            state.Lock();
            state.RecordAsLastStack();
            return state;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"apphost: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"apphost: cannot use the state folder {path}: {ex.Message}");
            return null;
        }
    }

    /// <summary>Runs the model's description; a missing program becomes one line naming its Debian package.</summary>
    public static bool TryDescribe(Action describe)
    {
        try
        {
            describe();
            return true;
        }
        catch (MissingBinaryException ex)
        {
            Console.Error.WriteLine($"apphost: {ex.Message}");
            return false;
        }
    }
}
