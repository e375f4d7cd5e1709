using System.Globalization;
using SupportBot.Tests.Foundation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Monitors;

/// <summary>The "Reputation monitors" dashboard: its panels, and every panel's query answered by the real Prometheus after flagged bot answers.</summary>
public sealed class ReputationDashboardTests(StackFixture stack)
{
    private const string File = "supportbot-reputation-monitors.json";

    [Fact]
    public void The_dashboard_has_the_panels_and_variables_sres_need()
    {
        var (_, dashboard) = Assert.Single(GrafanaDashboards.All(), d => d.File.EndsWith(File, StringComparison.Ordinal));

        Assert.Equal("Reputation monitors", dashboard.GetProperty("title").GetString());
        var variables = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(["category", "monitor"], variables);
        var titles = GrafanaDashboards.Panels(dashboard).Select(p => p.GetProperty("title").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?>
        {
            "Flag rate by category and monitor (15 min)", "Paused categories", "Flags per minute by monitor and category", "Flag rate vs spike threshold",
            "Checked replies per minute", "Check lag (p50, p95)", "Follow-up backlog", "Oldest unresolved follow-up", "Time to follow-up (p50, p95, last hour)",
            "Measured precision per monitor",
        }, titles);
        // Every query but the per-monitor precision (which has no category) follows the category picker.
        Assert.All(GrafanaDashboards.Queries().Where(q => q.Dashboard == File && !q.Expression.Contains("precision", StringComparison.Ordinal)),
            q => Assert.Contains("$category", q.Expression, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_panel_query_returns_numbers_from_prometheus_after_flagged_bot_answers()
    {
        var category = await ReputationTraffic.GenerateAsync(stack);
        using var prometheus = stack.PrometheusClient();
        var queries = GrafanaDashboards.Queries().Where(q => q.Dashboard == File).ToList();
        Assert.True(queries.Count >= 13, $"{queries.Count} queries");

        foreach (var query in queries)
        {
            // Scoped to this test's category, so the data cannot come from another test's replies; a number, not NaN
            // (a quantile over an empty window is NaN: that would be a panel with nothing to show).
            var expression = GrafanaDashboards.Resolve(query.Expression.Replace("$category", category, StringComparison.Ordinal));
            var rows = await Eventually.ValueAsync(
                async () => await prometheus.QueryAsync(expression) is var found && found.Any(r => double.IsFinite(Value(r))) ? found : null,
                TimeSpan.FromSeconds(90), $"{query.Panel}: `{expression}` returning a number");
            Assert.NotEmpty(rows);
        }

        // What the panels say about this category (the gauges refresh every few seconds: waited for, not read once).
        await HoldsAsync(prometheus, $"max(supportbot_follow_up_backlog{{category=\"{category}\"}}) == 2");
        await HoldsAsync(prometheus, $"max(supportbot_category_paused{{category=\"{category}\"}}) == 1");
        await HoldsAsync(prometheus, $"sum(increase(supportbot_follow_up_duration_seconds_count{{category=\"{category}\"}}[1h])) > 0");
        await HoldsAsync(prometheus, $"max(category_monitor:supportbot_monitor_flag_ratio:rate15m{{category=\"{category}\",monitor=\"unauthorized_commitment\"}}) > 0.5");
    }

    private static double Value(System.Text.Json.JsonElement row) =>
        double.Parse(row.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);

    private static async Task HoldsAsync(HttpClient prometheus, string comparison) =>
        Assert.NotEmpty(await Eventually.ValueAsync(async () => await prometheus.QueryAsync(comparison) is { Count: > 0 } rows ? rows : null,
            TimeSpan.FromSeconds(60), comparison));
}
