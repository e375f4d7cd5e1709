using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Foundation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>The "Customer-facing" dashboard: its panels, and every panel's query answered by the real Prometheus.</summary>
public sealed class CustomerFacingDashboardTests(StackFixture stack)
{
    private const string File = "supportbot-customer-facing.json";

    [Fact]
    public void The_dashboard_has_the_panels_and_category_variable_managers_need()
    {
        var (_, dashboard) = Assert.Single(GrafanaDashboards.All(), d => d.File.EndsWith(File, StringComparison.Ordinal));

        Assert.Equal("Customer-facing", dashboard.GetProperty("title").GetString());
        var variable = Assert.Single(dashboard.GetProperty("templating").GetProperty("list").EnumerateArray());
        Assert.Equal("category", variable.GetProperty("name").GetString());
        var titles = GrafanaDashboards.Panels(dashboard).Select(p => p.GetProperty("title").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Resolution per category", "Containment and verified resolution", "Hand-off, re-ask, reopen and abandon rates",
            "Customer messages per minute by outcome", "Hand-offs per minute by reason", "Implicit signals per minute", "Answer time (p50, p99)", "Pause switch" }, titles);
        Assert.All(GrafanaDashboards.Queries().Where(q => q.Dashboard == File), q => Assert.Contains("$category", q.Expression, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_panel_query_returns_data_from_prometheus_after_customer_conversations()
    {
        var category = await ConversationTraffic.GenerateAsync(stack);
        using var prometheus = stack.PrometheusClient();
        var queries = GrafanaDashboards.Queries().Where(q => q.Dashboard == File).ToList();
        Assert.True(queries.Count >= 12, $"{queries.Count} queries");

        foreach (var query in queries)
        {
            // Scoped to this test's category, so the data cannot come from another test's conversations.
            var expression = GrafanaDashboards.Resolve(query.Expression.Replace("$category", category, StringComparison.Ordinal));
            var rows = await Eventually.ValueAsync(
                async () => await prometheus.QueryAsync(expression) is { Count: > 0 } found ? found : null,
                TimeSpan.FromMinutes(3), $"{query.Panel}: `{expression}` returning data");
            Assert.NotEmpty(rows);
        }
    }
}

/// <summary>A little of everything the customer-facing dashboard shows, in a category of its own.</summary>
public static class ConversationTraffic
{
    public static async Task<string> GenerateAsync(StackFixture stack)
    {
        var ct = TestContext.Current.CancellationToken;
        var world = await ConversationWorld.CreateAsync(stack);
        using var channel = stack.ApiClient(Roles.Channel);
        var resolved = await ConversationWorld.StartAsync(channel);
        await ConversationWorld.SendAsync(channel, resolved.Id, world.Question);
        using (await channel.PostAsJsonAsync($"/api/conversations/{resolved.Id}/close", new CloseConversationRequest(true), ct))
        {
        }

        var human = await ConversationWorld.StartAsync(channel);
        await ConversationWorld.SendAsync(channel, human.Id, world.Question);
        await ConversationWorld.SendAsync(channel, human.Id, "I want to talk to a human");
        return world.Category;
    }
}
