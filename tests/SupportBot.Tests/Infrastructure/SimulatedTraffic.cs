using System.Globalization;
using System.Net.Http.Json;
using SupportBot.Cli;
using SupportBot.Contracts;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Runs `supportbot simulate` in-process against the fixture's API (tickets, sent replies and
/// thumbs through the real flow), into a fresh category so other tests' traffic never mixes in.
/// </summary>
public static class SimulatedTraffic
{
    public static async Task<(int ExitCode, string Output, string Error)> SimulateAsync(this StackFixture stack, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["simulate", "--api", stack.Api.Url, "--key", stack.DevKeys[Roles.Admin], .. arguments];
        var exitCode = await SupportBotCli.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Simulates <paramref name="count"/> tickets into a new category and waits until the worker has counted every sent reply.</summary>
    public static async Task<CategoryGateView> SimulateIntoNewCategoryAsync(this StackFixture stack, string prefix, int count, int seed)
    {
        var category = await stack.NewCategoryAsync(prefix, "internal");
        var (exitCode, output, error) = await stack.SimulateAsync(
            "--count", count.ToString(CultureInfo.InvariantCulture), "--rate", "1200", "--reply-delay", "0.2",
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--category", category);
        Assert.True(exitCode == 0, $"simulate exited {exitCode}: {error}{output}");

        using var agent = stack.ApiClient(Roles.Agent);
        return await Eventually.ValueAsync(
            async () => await agent.GetFromJsonAsync<CategoryGateView>($"/api/gates/{category}", TestContext.Current.CancellationToken) is { } gate && gate.Sent == count ? gate : null,
            TimeSpan.FromSeconds(60), $"{count} sent drafts counted for {category}");
    }
}
