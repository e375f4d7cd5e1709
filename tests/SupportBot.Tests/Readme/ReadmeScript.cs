using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportBot.Tests.Readme;

/// <summary>One shell command of a README example: its text (continuation lines joined), where it starts, what it must give.</summary>
/// <param name="Line">1-based line of the README where the command starts.</param>
/// <param name="ExpectedStatus">For a command with a curl: the HTTP status it must get (null: any 2xx).</param>
/// <param name="ExpectedExit">The exit code the command must end with.</param>
public sealed record ReadmeCommand(int Line, string Text, int? ExpectedStatus, int ExpectedExit)
{
    public bool CallsCurl => CurlWord.IsMatch(Text);

    private static readonly Regex CurlWord = new(@"(^|[\s($|;&])curl\s", RegexOptions.CultureInvariant);
}

/// <summary>Why a README script stopped: the command, its output and its exit code.</summary>
public sealed record ReadmeFailure(ReadmeCommand Command, int ExitCode, string Output)
{
    public override string ToString() =>
        $"README.md line {Command.Line} failed (exit {ExitCode}):\n$ {Command.Text}\n--- output ---\n{Output}";
}

/// <summary>
/// Turns the runnable examples of a README into one bash script and runs it. Runnable examples are the
/// ```bash blocks, in order, except a block right after an HTML comment <c>&lt;!-- readme-test: skip ... --&gt;</c>
/// and a command whose line ends with <c># readme-test: skip</c>. A command's trailing comment says what it must give:
/// <c># 409 ...</c> (an HTTP status for its curl; otherwise a curl must get a 2xx) or <c># exit 3 ...</c> (an exit code;
/// otherwise 0). Variables carry from one block to the next, as they would in one terminal.
/// </summary>
public static partial class ReadmeScript
{
    public const string SkipMarker = "readme-test: skip";

    public static IReadOnlyList<ReadmeCommand> Commands(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var commands = new List<ReadmeCommand>();
        var skipNextBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("<!--", StringComparison.Ordinal) && line.Contains(SkipMarker, StringComparison.Ordinal))
            {
                skipNextBlock = true;
                continue;
            }

            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var runnable = line == "```bash" && !skipNextBlock;
            skipNextBlock = false;
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            if (runnable)
            {
                commands.AddRange(Split(lines, i + 1, end));
            }

            i = end;
        }

        return commands;
    }

    /// <summary>The block's commands: a line ending in a backslash goes on on the next one; comments and blank lines are dropped.</summary>
    private static IEnumerable<ReadmeCommand> Split(string[] lines, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (lines[i].Trim() is "" || lines[i].TrimStart().StartsWith('#'))
            {
                continue;
            }

            var first = i;
            var text = new StringBuilder();
            while (lines[i].TrimEnd().EndsWith('\\') && i + 1 < end)
            {
                text.Append(lines[i++]).Append('\n');
            }

            var last = lines[i];
            if (last.Contains(SkipMarker, StringComparison.Ordinal))
            {
                continue;
            }

            var hash = TrailingCommentStart(last);
            var comment = hash < 0 ? null : last[(hash + 1)..].Trim();
            text.Append(hash < 0 ? last : last[..hash].TrimEnd());
            var status = comment is null ? null : StatusComment().Match(comment) is { Success: true } s ? int.Parse(s.Groups[1].Value) : (int?)null;
            var exit = comment is null ? 0 : ExitComment().Match(comment) is { Success: true } x ? int.Parse(x.Groups[1].Value) : 0;
            yield return new ReadmeCommand(first + 1, text.ToString(), status, exit);
        }
    }

    /// <summary>Where the comment of a line starts (a '#' after white space, outside quotes), or -1.</summary>
    private static int TrailingCommentStart(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is null && c is '\'' or '"')
            {
                quote = c;
            }
            else if (quote == c)
            {
                quote = null;
            }
            else if (quote is null && c == '#' && i > 0 && char.IsWhiteSpace(line[i - 1]))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(\d{3})\b")]
    private static partial Regex StatusComment();

    [GeneratedRegex(@"^exit (\d+)\b")]
    private static partial Regex ExitComment();

    /// <summary>
    /// The bash script: strict mode, a curl that checks the status the README promises, a marker before each
    /// command so a failure names it.
    /// </summary>
    public static string Build(IReadOnlyList<ReadmeCommand> commands)
    {
        var script = new StringBuilder("""
            set -Eeuo pipefail
            exec 2>&1
            __readme_fail() { echo "README-FAILED $1 $2"; exit "$2"; }
            # Every curl of the README, checked (messages on stderr: they must show even inside $(...)): the status in README_EXPECT, else any 2xx. The body is printed as curl would.
            curl() {
              local body code rc=0
              body=$(mktemp)
              code=$(command curl -sS -o "$body" -w '%{http_code}' "$@") || rc=$?
              cat "$body"; rm -f "$body"
              [[ $rc == 0 ]] || { echo "curl exited $rc" >&2; return "$rc"; }
              local want=${README_EXPECT:-2xx}
              if [[ $want == 2xx && $code != 2?? ]] || [[ $want != 2xx && $code != "$want" ]]; then
                echo >&2; echo "README-CHECK: expected HTTP $want, got $code" >&2; return 22
              fi
            }

            """);
        script.Append('\n');
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            // On a line of its own even when the previous command's output did not end with a newline (curl's JSON).
            script.Append($"printf '\\nREADME-STEP {i}\\n'\n");
            if (command.CallsCurl)
            {
                script.Append(command.ExpectedStatus is { } status ? $"export README_EXPECT={status}\n" : "unset README_EXPECT\n");
            }

            if (command.ExpectedExit == 0)
            {
                script.Append($"{command.Text} || __readme_fail {i} $?\n");
            }
            else
            {
                script.Append($"if {command.Text}\nthen __readme_rc=0; else __readme_rc=$?; fi\n");
                script.Append($"[[ $__readme_rc == {command.ExpectedExit} ]] || {{ echo \"README-CHECK: expected exit {command.ExpectedExit}, got $__readme_rc\"; __readme_fail {i} 99; }}\n");
            }
        }

        script.Append("printf '\\nREADME-DONE\\n'\n");
        return script.ToString();
    }

    /// <summary>Runs the commands with bash in <paramref name="workingDirectory"/>; null when every one gave what the README says.</summary>
    public static async Task<ReadmeFailure?> RunAsync(
        IReadOnlyList<ReadmeCommand> commands, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var scriptFile = Path.Combine(Path.GetTempPath(), $"readme-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(scriptFile, Build(commands), cancellationToken);
        var info = new ProcessStartInfo("bash")
        {
            ArgumentList = { scriptFile },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            // null: not inherited from the test process (an override the README does not set).
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            File.Delete(scriptFile);
        }

        process.WaitForExit(); // flushes the redirected output
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        var steps = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (!timedOut && process.ExitCode == 0 && steps.Contains("README-DONE"))
        {
            return null;
        }

        var lastStep = steps.FindLastIndex(l => l.StartsWith("README-STEP ", StringComparison.Ordinal));
        var index = lastStep < 0 ? 0 : int.Parse(steps[lastStep]["README-STEP ".Length..]);
        var after = string.Join('\n', steps.Skip(lastStep + 1).Where(l => !l.StartsWith("README-FAILED ", StringComparison.Ordinal)));
        var exitCode = timedOut ? -1 : process.ExitCode;
        return new ReadmeFailure(commands.Count == 0 ? new ReadmeCommand(0, "", null, 0) : commands[index], exitCode,
            timedOut ? $"{after}\n(timed out after {timeout.TotalSeconds:0} s)" : after);
    }
}
