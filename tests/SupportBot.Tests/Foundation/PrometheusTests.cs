using System.Text.Json;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

public sealed class PrometheusTests(StackFixture stack)
{
    [Fact]
    public async Task Prometheus_reports_api_and_worker_targets_up()
    {
        using var prometheus = stack.PrometheusClient();

        var health = await Eventually.ValueAsync(async () =>
        {
            var targets = await prometheus.GetFromJsonElementAsync("/api/v1/targets?state=active");
            var byJob = targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .ToDictionary(t => t.GetProperty("labels").GetProperty("job").GetString()!, t => t.GetProperty("health").GetString());
            return byJob.GetValueOrDefault("api") == "up" && byJob.GetValueOrDefault("evalworker") == "up" ? byJob : null;
        }, TimeSpan.FromSeconds(30));

        Assert.Equal("up", health["api"]);
        Assert.Equal("up", health["evalworker"]);
    }

    [Fact]
    public async Task Prometheus_loaded_the_alert_rules_from_dashboards()
    {
        using var prometheus = stack.PrometheusClient();

        var rules = await prometheus.GetFromJsonElementAsync("/api/v1/rules?type=alert");

        var names = rules.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => r.GetProperty("name").GetString())
            .ToList();
        Assert.Contains("SupportBotServiceDown", names);
        Assert.Contains("SupportBotServerErrors", names);
    }

    [Fact]
    public async Task Service_down_alert_is_inactive_while_both_services_are_up()
    {
        using var prometheus = stack.PrometheusClient();
        await Eventually.ValueAsync(async () =>
            (await prometheus.QueryAsync("up{job=~\"api|evalworker\"}")).Count == 2 ? "ok" : null, TimeSpan.FromSeconds(90));

        var rules = await prometheus.GetFromJsonElementAsync("/api/v1/rules?type=alert");

        var serviceDown = rules.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Single(r => r.GetProperty("name").GetString() == "SupportBotServiceDown");
        Assert.Equal("inactive", serviceDown.GetProperty("state").GetString());
        Assert.Equal("ok", serviceDown.GetProperty("health").GetString());
    }
}

public static class PrometheusQueries
{
    public static async Task<JsonElement> GetFromJsonElementAsync(this HttpClient prometheus, string path)
    {
        using var response = await prometheus.GetAsync(path, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }

    /// <summary>Runs an instant query and returns its result vector (empty when there is no data).</summary>
    public static async Task<List<JsonElement>> QueryAsync(this HttpClient prometheus, string promql)
    {
        var body = await prometheus.GetFromJsonElementAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        Assert.Equal("success", body.GetProperty("status").GetString());
        var data = body.GetProperty("data");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" or "matrix" => data.GetProperty("result").EnumerateArray().ToList(),
            _ => [data.GetProperty("result")],
        };
    }
}
