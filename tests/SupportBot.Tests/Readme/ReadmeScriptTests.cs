namespace SupportBot.Tests.Readme;

/// <summary>How README examples are found and checked, on small made-up READMEs (no stack needed).</summary>
public sealed class ReadmeScriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Markdown = """
        # Title

        ```bash
        A=1          # a comment with a 'quote'
        curl -s "$API/x" -H 'X: a # not a comment' \
          -d '{"a":1}'     # 409 when taken
        # a comment line
        supportbot phase set how-to internal   # exit 1 while it fails
        echo 'done'; echo x  # readme-test: skip
        ```

        <!-- readme-test: skip (starts a stack) -->
        ```bash
        dotnet run --project SupportBot.AppHost
        ```

        ```text
        sample output
        ```

        ```bash
        echo "$A"
        ```
        """;

    [Fact]
    public void Commands_are_the_runnable_lines_in_order_with_what_they_must_give()
    {
        var commands = ReadmeScript.Commands(Markdown);

        Assert.Equal(
            [
                new ReadmeCommand(4, "A=1", null, 0),
                new ReadmeCommand(5, "curl -s \"$API/x\" -H 'X: a # not a comment' \\\n  -d '{\"a\":1}'", 409, 0),
                new ReadmeCommand(8, "supportbot phase set how-to internal", null, 1),
                new ReadmeCommand(22, "echo \"$A\"", null, 0),
            ],
            commands);
        Assert.True(commands[1].CallsCurl);
        Assert.False(commands[2].CallsCurl);
    }

    [Fact]
    public async Task Variables_carry_across_blocks_and_promised_exit_codes_pass()
    {
        var commands = ReadmeScript.Commands("""
            ```bash
            X=$(echo hello)
            false    # exit 1
            ```

            ```bash
            [[ $X == hello ]]
            ```
            """);

        Assert.Null(await ReadmeScript.RunAsync(commands, Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(30), Ct));
    }

    [Fact]
    public async Task Output_without_a_final_newline_does_not_hide_the_end_of_the_run()
    {
        // curl prints JSON without a newline: the runner's markers must still be found on lines of their own.
        var commands = ReadmeScript.Commands("""
            ```bash
            printf '{"items":[]}'
            printf '{"total":0}'
            ```
            """);

        Assert.Null(await ReadmeScript.RunAsync(commands, Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(30), Ct));
    }

    [Theory]
    [InlineData("ls /no/such/folder/anywhere", 4, "No such file or directory", 2)]
    [InlineData("true    # exit 3", 4, "README-CHECK: expected exit 3, got 0", 99)]
    // A curl that gets another status than the README promises (here none at all: a file URL has no HTTP status).
    [InlineData("curl -s file:///etc/hostname   # 404", 4, "README-CHECK: expected HTTP 404, got 000", 22)]
    [InlineData("X=$(curl -s file:///no/such/file | tr a b)", 4, "curl exited 37", 37)]
    public async Task A_broken_example_fails_naming_its_line_command_output_and_exit_code(string broken, int line, string output, int exitCode)
    {
        var commands = ReadmeScript.Commands($"""
            ```bash
            echo before
            echo fine
            {broken}
            echo after
            ```
            """);

        var failure = await ReadmeScript.RunAsync(commands, Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(30), Ct);

        Assert.NotNull(failure);
        Assert.Equal(line, failure.Command.Line);
        Assert.Equal(exitCode, failure.ExitCode);
        Assert.Contains(output, failure.Output);
        Assert.DoesNotContain("after", failure.Output);
        Assert.Contains($"README.md line {line} failed (exit {exitCode})", failure.ToString());
    }

    [Fact]
    public async Task A_command_that_hangs_is_stopped_at_the_timeout()
    {
        var commands = ReadmeScript.Commands("```bash\nsleep 60\n```\n");

        var failure = await ReadmeScript.RunAsync(commands, Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(2), Ct);

        Assert.NotNull(failure);
        Assert.Equal("sleep 60", failure.Command.Text);
        Assert.Contains("timed out", failure.Output);
    }
}
