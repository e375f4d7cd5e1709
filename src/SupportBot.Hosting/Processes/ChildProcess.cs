using System.Diagnostics;

namespace SupportBot.Hosting.Processes;

/// <summary>
/// A child process whose output lines go to a sink. Each child runs in its own session (setsid),
/// so a Ctrl-C in the terminal reaches only the AppHost, which then stops children in order.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;
    public Task<int> Exited => _exited.Task;
    public bool HasExited => _exited.Task.IsCompleted;

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        Action<string> onOutputLine,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        string? runAsUser = null)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };

        var command = new List<string>();
        if (Binaries.Find("setsid") is { } setsid)
        {
            command.Add(setsid);
        }

        if (runAsUser is not null)
        {
            command.AddRange([Binaries.Require("runuser", "util-linux"), "-u", runAsUser, "--"]);
        }

        command.Add(fileName);
        command.AddRange(arguments);
        info.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onOutputLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onOutputLine(e.Data); };
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void OnExited()
    {
        // WaitForExit() with no timeout also drains the redirected output before we report the exit.
        _process.WaitForExit();
        _exited.TrySetResult(_process.ExitCode);
    }

    /// <summary>SIGTERM to the child's process group, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }

        Signals.SendToGroup(Pid, Signals.SigTerm);
        await WaitForExitAsync(grace);
        if (!HasExited)
        {
            Signals.SendToGroup(Pid, Signals.SigKill);
            await WaitForExitAsync(TimeSpan.FromSeconds(5));
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_exited.Task, Task.Delay(timeout));
        return finished == _exited.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
