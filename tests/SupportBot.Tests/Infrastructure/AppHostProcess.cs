using System.Collections.Concurrent;
using System.Diagnostics;
using SupportBot.Hosting;

namespace SupportBot.Tests.Infrastructure;

/// <summary>The real AppHost executable, run the way a developer runs it, with its output captured.</summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process) => _process = process;

    public int Pid => _process.Id;
    public string Output => string.Join(Environment.NewLine, _lines);
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static AppHostProcess Start(string stateDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var dll = Path.Combine(AppHostOptions.FindRepositoryRoot(), "SupportBot.AppHost", "bin", AppHostOptions.BuildConfiguration, "net10.0", "SupportBot.AppHost.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            // Other stacks (the fixture's, a developer's AppHost) may be starting at the same moment.
            ArgumentList = { dll, "--state-dir", stateDirectory, "--dynamic-ports" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        // The same test settings as the fixture's stack.
        info.Environment["SupportBot__DurableStorage"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new AppHostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (line.Contains("apphost: ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout, TestContext.Current.CancellationToken));
        if (finished != _ready.Task)
        {
            throw new Xunit.Sdk.XunitException($"AppHost did not report ready (exited: {_process.HasExited}). Output:\n{Output}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void SendSigterm() => Process.Start("kill", ["-TERM", Pid.ToString()])!.WaitForExit();

    /// <summary>SIGKILL: the AppHost gets no chance to stop anything itself.</summary>
    public void SendSigkill() => Process.Start("kill", ["-KILL", Pid.ToString()])!.WaitForExit();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            SendSigterm();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
