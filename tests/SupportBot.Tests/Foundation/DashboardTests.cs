using System.Diagnostics;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

public sealed class DashboardTests(StackFixture stack)
{
    [Fact]
    public void Every_dashboard_is_valid_for_current_grafana_and_uses_the_provisioned_datasource()
    {
        var dashboards = GrafanaDashboards.All().ToList();
        Assert.NotEmpty(dashboards);
        foreach (var (file, dashboard) in dashboards)
        {
            Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("uid").GetString()), file);
            Assert.True(dashboard.GetProperty("schemaVersion").GetInt32() >= 36, $"{file}: schemaVersion too old");
            var panels = GrafanaDashboards.Panels(dashboard).ToList();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var panel in panels)
            {
                var title = panel.GetProperty("title").GetString();
                Assert.Equal(GrafanaDashboards.DatasourceUid, panel.GetProperty("datasource").GetProperty("uid").GetString());
                Assert.All(panel.GetProperty("targets").EnumerateArray(), target =>
                {
                    Assert.Equal(GrafanaDashboards.DatasourceUid, target.GetProperty("datasource").GetProperty("uid").GetString());
                    Assert.False(string.IsNullOrWhiteSpace(target.GetProperty("expr").GetString()), $"{file}/{title}: empty query");
                });
            }
        }

        var datasource = File.ReadAllText(Path.Combine(GrafanaDashboards.Root, "grafana", "provisioning", "datasources", "prometheus.yml"));
        Assert.Contains($"uid: {GrafanaDashboards.DatasourceUid}", datasource);
    }

    [Fact]
    public async Task Every_panel_query_returns_data_from_prometheus_scraping_the_real_services()
    {
        await GenerateTrafficAsync();
        using var prometheus = stack.PrometheusClient();
        var queries = GrafanaDashboards.Queries().ToList();
        Assert.NotEmpty(queries);

        foreach (var query in queries)
        {
            var expression = GrafanaDashboards.Resolve(query.Expression);
            var result = await Eventually.ValueAsync(
                async () => await prometheus.QueryAsync(expression) is { Count: > 0 } rows ? rows : null,
                TimeSpan.FromSeconds(60),
                $"{query.Dashboard} / {query.Panel}: `{expression}` returning data");
            Assert.NotEmpty(result);
        }
    }

    [Fact]
    public async Task Alert_rules_pass_promtool()
    {
        var rules = Directory.GetFiles(Path.Combine(GrafanaDashboards.Root, "prometheus", "rules"), "*.yml");
        Assert.NotEmpty(rules);

        var (exitCode, output) = await RunAsync("promtool", ["check", "rules", .. rules]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public async Task The_generated_prometheus_config_passes_promtool()
    {
        var config = Path.Combine(stack.StateDirectory, "prometheus", "prometheus.yml");

        var (exitCode, output) = await RunAsync("promtool", ["check", "config", config]);

        Assert.True(exitCode == 0, output);
    }

    /// <summary>HTTP traffic for the services dashboard, and a short simulation (tickets, sent replies, thumbs) for the gate dashboards.</summary>
    private async Task GenerateTrafficAsync()
    {
        await stack.SimulateIntoNewCategoryAsync("dash", count: 10, seed: 7);
        // Phase 3: conversations for the customer-facing dashboard.
        await Conversations.ConversationTraffic.GenerateAsync(stack);
        // Phase 3: flagged bot answers, follow-ups and a paused category for the reputation monitors dashboard.
        await Monitors.ReputationTraffic.GenerateAsync(stack);
        using var agent = stack.ApiClient(Roles.Agent);
        using var anonymous = stack.ApiClient();
        for (var i = 0; i < 10; i++)
        {
            (await agent.GetAsync("/api/me", TestContext.Current.CancellationToken)).Dispose();
            (await anonymous.GetAsync("/api/me", TestContext.Current.CancellationToken)).Dispose();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
