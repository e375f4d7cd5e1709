using System.Globalization;
using SupportBot.Tests.Foundation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Gates;

/// <summary>The promotion-readiness dashboard and the counters behind it, after simulated traffic.</summary>
public sealed class PromotionDashboardTests(StackFixture stack)
{
    [Fact]
    public async Task Edited_share_from_the_sent_counters_matches_the_gates_api()
    {
        var gate = await stack.SimulateIntoNewCategoryAsync("share", count: 16, seed: 11);
        var fromApi = gate.Checks.Single(c => c.Name == "edited_share").Value!.Value;
        // A new category has no history of its own, and a given category is a hard filter in retrieval,
        // so its drafts hand off and every reply counts as edited: the share is 1, never 0.
        Assert.InRange(fromApi, 0.01, 1);
        using var prometheus = stack.PrometheusClient();
        var query = $"sum by (category) (supportbot_drafts_sent_total{{category=\"{gate.Category}\", edit_type!=\"none\"}})"
            + $" / sum by (category) (supportbot_drafts_sent_total{{category=\"{gate.Category}\"}})";

        // Polls until Prometheus has scraped the worker after its last sent reply.
        var fromCounters = await Eventually.ValueAsync(async () =>
            await prometheus.QueryAsync(query) is [var row]
            && double.Parse(row.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) is var value
            && Math.Abs(value - fromApi) < 1e-9 ? (object)value : null,
            TimeSpan.FromSeconds(60), $"`{query}` = {fromApi}");

        Assert.Equal(fromApi, (double)fromCounters, 9);
    }

    [Fact]
    public void The_dashboard_has_the_panels_and_category_variable_managers_need()
    {
        var (_, dashboard) = Assert.Single(GrafanaDashboards.All(), d => d.File.EndsWith("supportbot-promotion-readiness.json", StringComparison.Ordinal));

        Assert.Equal("Phase promotion readiness", dashboard.GetProperty("title").GetString());
        var variable = Assert.Single(dashboard.GetProperty("templating").GetProperty("list").EnumerateArray());
        Assert.Equal(("category", "label_values(supportbot_category_phase, category)"),
            (variable.GetProperty("name").GetString(), variable.GetProperty("query").GetProperty("query").GetString()));
        var titles = GrafanaDashboards.Panels(dashboard).Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "Gate per category", "Edited share", "Corrected share", "Thumbs-up share", "Drafts created and sent per minute", "Review queue" }, titles.ToHashSet());
        Assert.All(GrafanaDashboards.Queries().Where(q => q.Dashboard == "supportbot-promotion-readiness.json"),
            q => Assert.Contains("$category", q.Expression, StringComparison.Ordinal));
    }
}
