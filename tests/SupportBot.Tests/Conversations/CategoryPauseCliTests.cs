using System.Net.Http.Json;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>`supportbot category pause|resume`: the same switch and audit as the API, and one line on stderr for bad input.</summary>
public sealed class CategoryPauseCliTests(StackFixture stack)
{
    [Fact]
    public async Task Pausing_from_the_cli_routes_the_next_message_to_the_team_and_is_audited_as_cli()
    {
        var world = await ConversationWorld.CreateAsync(stack);

        var (exitCode, output, error) = await RunAsync("category", "pause", world.Category, "--reason", "wrong refund answers", "--database", stack.Postgres.ConnectionString);
        Assert.True(exitCode == 0, error);
        Assert.Contains($"paused {world.Category}", output);
        // The API's cache of paused categories is at most a second old.
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        using var channel = stack.ApiClient(Roles.Channel);
        var handed = await ConversationWorld.SendAsync(channel, (await ConversationWorld.StartAsync(channel)).Id, world.Question);
        var (resumeCode, _, resumeError) = await RunAsync("category", "resume", world.Category, "--reason", "article fixed", "--database", stack.Postgres.ConnectionString);

        Assert.StartsWith("paused: ", handed.HandoffReason);
        Assert.True(resumeCode == 0, resumeError);
        using var agent = stack.ApiClient(Roles.Agent);
        var history = (await agent.GetFromJsonAsync<CategoryPauseHistory>($"/api/categories/{world.Category}/pause", TestContext.Current.CancellationToken))!;
        Assert.False(history.Current.Paused);
        Assert.All(history.Changes, c => Assert.Equal("cli", c.Source));
        Assert.All(history.Changes, c => Assert.StartsWith("cli:", c.Actor));
    }

    [Theory]
    [InlineData("no-such-category", "some reason", "no category named 'no-such-category'")]
    [InlineData("any", " ", "--reason")]
    public async Task Bad_input_is_one_line_on_stderr_and_a_non_zero_exit(string category, string reason, string message)
    {
        var (exitCode, _, error) = await RunAsync("category", "pause", category, "--reason", reason, "--database", stack.Postgres.ConnectionString);

        Assert.Equal(CliExitCodes.BadInput, exitCode);
        Assert.Contains(message, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
