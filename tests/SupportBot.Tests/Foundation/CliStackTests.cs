using SupportBot.Cli;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>How `supportbot` finds a stack without --database, --api or --key: --state-dir names it, and it says which.</summary>
public sealed class CliStackTests(StackFixture stack)
{
    [Fact]
    public async Task State_dir_gives_the_cli_the_stacks_database_api_and_dev_keys_and_it_says_which_stack()
    {
        var category = await stack.NewCategoryAsync("clistack", phase: "internal");

        // The API (resources.json) and the agent's dev key (dev-keys.json), no --api or --key.
        var gates = await InvokeAsync("gates", category, "--state-dir", stack.StateDirectory);
        Assert.Equal(0, gates.ExitCode);
        Assert.StartsWith($"{category}: internal", gates.Output, StringComparison.Ordinal);
        Assert.Equal($"supportbot: stack {Path.GetFullPath(stack.StateDirectory)}", gates.Error.Trim());

        // The database (connections.json), no --database.
        var migrate = await InvokeAsync("db", "migrate", "--state-dir", stack.StateDirectory);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("schema is current at", migrate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_dir_that_does_not_exist_is_one_line_and_exit_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), "supportbot-tests", "no-such-stack-" + Guid.NewGuid().ToString("N")[..8]);

        var result = await InvokeAsync("gates", "--state-dir", missing);

        Assert.Equal(CliExitCodes.Unavailable, result.ExitCode);
        Assert.Equal($"supportbot: --state-dir: no stack state folder at {missing}", result.Error.Trim());
        Assert.Empty(result.Output);
    }

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync(arguments, output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
