using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>`supportbot simulate --customers` against the real stack: conversations in the customer-facing category, counted by the resolution API.</summary>
public sealed class SimulateCustomersCliTests(StackFixture stack)
{
    [Fact]
    public async Task Simulated_customers_fill_the_resolution_rates_of_the_customer_facing_category()
    {
        var ct = TestContext.Current.CancellationToken;
        var world = await ConversationWorld.CreateAsync(stack);
        var file = Path.Combine(TestState.NewDirectory("sim-customers"), "tickets.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 6).Select(i => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"TL-9{i:D3}5",
            ["subject"] = "Export button gone",
            ["body"] = $"I cannot find the export button to download my tasks as CSV. {world.Words}",
            ["answer"] = ConversationWorld.ExportReply,
            ["category"] = world.Category,
            ["language"] = "en",
            ["customer_name"] = "Maria",
            ["created"] = "2024-01-05T13:50:00Z",
        })), ct);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SupportBotCli.InvokeAsync(
            ["simulate", "--customers", "--count", "12", "--rate", "600", "--seed", "3", "--tickets", file, "--api", stack.Api.Url, "--key", stack.DevKeys[Roles.Admin]],
            output, error, ct);

        Assert.True(exitCode == 0, error.ToString());
        Assert.Contains("conversations 12, failures 0", output.ToString());
        using var agent = stack.ApiClient(Roles.Agent);
        var view = (await agent.GetFromJsonAsync<ResolutionView>($"/api/resolution/{world.Category}", ct))!;
        Assert.Equal(12, view.Conversations);
        // The summary's outcome counts are what the resolution API counted.
        var counts = output.ToString().Split('\n')
            .Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 2 && p[0].Contains('/', StringComparison.Ordinal))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(counts.Where(c => c.Key.EndsWith("/handed_off", StringComparison.Ordinal)).Sum(c => c.Value), view.HandedOff);
        Assert.Equal(counts.GetValueOrDefault("satisfied/answered"), view.CustomerResolvedYes);
        Assert.True(counts.Keys.Select(k => k.Split('/')[0]).Distinct().Count() >= 3, string.Join(", ", counts.Keys));
    }
}
