using System.Text;

namespace SupportBot.Hosting.Processes;

public sealed record CommandResult(int ExitCode, string Output);

/// <summary>Runs a short command (initdb, pg_ctl, chown) to completion and captures its output.</summary>
public static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? runAsUser = null)
    {
        var output = new StringBuilder();
        await using var child = ChildProcess.Start(fileName, arguments, line => { lock (output) { output.AppendLine(line); } }, runAsUser: runAsUser);
        var exitCode = await child.Exited.WaitAsync(cancellationToken);
        lock (output)
        {
            return new CommandResult(exitCode, output.ToString().Trim());
        }
    }

    public static async Task<string> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? runAsUser = null)
    {
        var argumentList = arguments.ToList();
        var result = await RunAsync(fileName, argumentList, cancellationToken, runAsUser);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', argumentList)} failed with exit code {result.ExitCode}: {result.Output}");
    }
}
