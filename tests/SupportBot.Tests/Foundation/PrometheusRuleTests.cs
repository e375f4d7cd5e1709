using System.Diagnostics;
using System.Text.RegularExpressions;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>
/// `promtool test rules` over dashboards/prometheus/tests: every alert rule has a case that fires
/// and one that stays quiet (the quiet series sit beside the firing ones, so a false alert fails).
/// </summary>
public sealed partial class PrometheusRuleTests
{
    private static string Prometheus => Path.Combine(GrafanaDashboards.Root, "prometheus");

    [Fact]
    public async Task Every_rule_unit_test_passes()
    {
        var tests = Directory.GetFiles(Path.Combine(Prometheus, "tests"), "*.test.yml");
        Assert.NotEmpty(tests);
        var info = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Prometheus };
        foreach (var argument in (string[])["test", "rules", .. tests])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, await stdout + await stderr);
    }

    [Fact]
    public void Every_alert_rule_has_a_unit_test_that_fires_it()
    {
        var alerts = Directory.GetFiles(Path.Combine(Prometheus, "rules"), "*.yml")
            .SelectMany(file => AlertName().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)).ToHashSet();
        var tested = Directory.GetFiles(Path.Combine(Prometheus, "tests"), "*.test.yml")
            .SelectMany(file => TestedAlert().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.NotEmpty(alerts);
        Assert.Empty(alerts.Except(tested));
    }

    [GeneratedRegex(@"^\s*-\s*alert:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex AlertName();

    /// <summary>A test case for the alert that expects at least one alert (exp_alerts followed by an item).</summary>
    [GeneratedRegex(@"alertname:\s*(\S+)\s*\n\s*exp_alerts:\s*\n\s*-", RegexOptions.Multiline)]
    private static partial Regex TestedAlert();
}
