using SupportBot.Hosting;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Readme;

/// <summary>
/// README.md followed literally: its runnable examples, in order, against a fresh stack of their own (they revoke keys,
/// change phases, create datasets and runs, import tickets: nothing the shared fixture's tests should see).
/// </summary>
public sealed class ReadmeExamplesTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task Every_runnable_example_works_as_written_in_order_on_a_fresh_stack()
    {
        var repository = AppHostOptions.FindRepositoryRoot();
        var commands = ReadmeScript.Commands(await File.ReadAllTextAsync(Path.Combine(repository, "README.md"), TestContext.Current.CancellationToken));
        // The README has dozens of examples; a parser that finds few has lost them, and the test would prove nothing.
        Assert.True(commands.Count >= 60, $"only {commands.Count} runnable commands found in README.md");

        using var ownStack = await OwnStacks.EnterAsync(TestContext.Current.CancellationToken);

        var state = TestState.NewDirectory("readme");
        var bin = TestState.NewDirectory("readme-bin");
        try
        {
            // `supportbot` on PATH as scripts/install-cli.sh puts it there: this checkout's built CLI.
            var cli = Path.Combine(repository, "src", "SupportBot.Cli", "bin", AppHostOptions.BuildConfiguration, "net10.0", "supportbot.dll");
            Assert.True(File.Exists(cli), $"{cli} is not built");
            var shim = Path.Combine(bin, "supportbot");
            await File.WriteAllTextAsync(shim, $"#!/usr/bin/env bash\nexec dotnet \"{cli}\" \"$@\"\n", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

            await using var host = AppHostProcess.Start(state);
            await host.WaitUntilReadyAsync(StartTimeout);

            var environment = new Dictionary<string, string?>
            {
                // What a reader of the README does for a stack started with --state-dir.
                ["SUPPORTBOT_STATE_DIR"] = state,
                ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
                ["NO_COLOR"] = "1",
                // Nothing of the test process's own configuration may point the CLI elsewhere.
                ["SUPPORTBOT_API_URL"] = null,
                ["SUPPORTBOT_API_KEY"] = null,
                ["ConnectionStrings__supportdb"] = null,
                ["ConnectionStrings__cache"] = null,
            };
            var failure = await ReadmeScript.RunAsync(commands, repository, environment, ScriptTimeout, TestContext.Current.CancellationToken);
            Assert.True(failure is null, failure?.ToString());
        }
        finally
        {
            TestState.Delete(bin);
            TestState.Delete(state);
        }
    }
}
