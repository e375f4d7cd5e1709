using System.Text.Json;
using SupportBot.Hosting;

namespace SupportBot.Tests.Infrastructure;

public sealed record PanelQuery(string Dashboard, string Panel, string Expression);

/// <summary>Reads the provisioned Grafana dashboards the way Grafana would, for tests to check and run.</summary>
public static class GrafanaDashboards
{
    public const string DatasourceUid = "supportbot-prometheus";

    public static string Root => Path.Combine(AppHostOptions.FindRepositoryRoot(), "dashboards");

    public static IEnumerable<(string File, JsonElement Dashboard)> All() =>
        Directory.GetFiles(Path.Combine(Root, "grafana", "dashboards"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(file => (file, JsonDocument.Parse(File.ReadAllText(file)).RootElement));

    public static IEnumerable<JsonElement> Panels(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.TryGetProperty("panels", out var nested) ? nested.EnumerateArray().Prepend(panel) : [panel])
            .Where(panel => panel.GetProperty("type").GetString() != "row");

    public static IEnumerable<PanelQuery> Queries() =>
        from entry in All()
        from panel in Panels(entry.Dashboard)
        from target in panel.GetProperty("targets").EnumerateArray()
        select new PanelQuery(
            Path.GetFileName(entry.File),
            panel.GetProperty("title").GetString()!,
            target.GetProperty("expr").GetString()!);

    /// <summary>
    /// Replaces Grafana's variables the way Grafana would with "All" selected: multi-value
    /// variables become the regex ".*", $__rate_interval a window that spans several scrapes.
    /// </summary>
    public static string Resolve(string expression) =>
        System.Text.RegularExpressions.Regex.Replace(
            expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal),
            @"\$\{?(\w+)\}?",
            ".*");
}
