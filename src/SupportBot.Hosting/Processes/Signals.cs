using System.Runtime.InteropServices;

namespace SupportBot.Hosting.Processes;

/// <summary>
/// POSIX signals for child processes. .NET can only SIGKILL (Process.Kill), but services deserve a
/// SIGTERM first so they finish requests and flush; no library wraps kill(2), so it is called directly.
/// </summary>
internal static partial class Signals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>Signals the process group led by <paramref name="pid"/> (children run in their own session).</summary>
    public static bool SendToGroup(int pid, int signal) => Kill(-pid, signal) == 0 || Kill(pid, signal) == 0;

    public static bool IsAlive(int pid) => Kill(pid, 0) == 0;
}
