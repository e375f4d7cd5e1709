using SupportBot.Cli;

namespace SupportBot.Tests.Infrastructure;

/// <summary>`supportbot` in-process against the fixture: its database (`--database`) or its API (`--api`, `--key` of a role).</summary>
public static class CliRunner
{
    public static Task<(int ExitCode, string Output, string Error)> CliWithDatabaseAsync(this StackFixture stack, params string[] arguments) =>
        InvokeAsync([.. arguments, "--database", stack.Postgres.ConnectionString]);

    public static Task<(int ExitCode, string Output, string Error)> CliWithApiAsync(this StackFixture stack, string role, params string[] arguments) =>
        InvokeAsync([.. arguments, "--api", stack.Api.Url, "--key", stack.DevKeys[role]]);

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync(arguments, output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
