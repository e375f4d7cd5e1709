using System.Globalization;
using SupportBot.Contracts;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace SupportBot.Evaluation.Experiments;

public sealed class ThresholdFormatException(string message) : Exception(message);

/// <summary>One failed threshold: the run's overall mean of <see cref="Metric"/> was below <see cref="Threshold"/>.</summary>
public sealed record GateFailure(string Metric, double Threshold, double? Mean, int N)
{
    public override string ToString() => Mean is { } mean
        ? string.Create(CultureInfo.InvariantCulture, $"{Metric} = {mean:0.000} (n={N}) is below {Threshold:0.000}")
        : string.Create(CultureInfo.InvariantCulture, $"{Metric} has no scores (threshold {Threshold:0.000})");
}

/// <summary>
/// The CI regression gate: minimum overall means per evaluator metric, from `--fail-below
/// metric=value` options and a thresholds YAML file (`thresholds: {grounding: 0.6}`); options win.
/// </summary>
public static class RegressionGate
{
    public static Dictionary<string, double> Parse(IEnumerable<string> options, string? yaml)
    {
        var thresholds = yaml is null ? new Dictionary<string, double>(StringComparer.Ordinal) : ParseYaml(yaml);
        foreach (var option in options)
        {
            var parts = option.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new ThresholdFormatException($"'{option}' is not metric=threshold (e.g. grounding=0.6)");
            }

            thresholds[parts[0]] = Number(parts[1], parts[0]);
        }

        return thresholds;
    }

    public static List<GateFailure> Check(IReadOnlyDictionary<string, double> thresholds, IReadOnlyList<MetricAggregate> aggregates)
    {
        var overall = aggregates.Where(a => a.Scope == "overall").ToDictionary(a => a.Metric, StringComparer.Ordinal);
        return [.. thresholds
            .Where(t => !overall.TryGetValue(t.Key, out var a) || a.Mean < t.Value)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => overall.TryGetValue(t.Key, out var a) ? new GateFailure(t.Key, t.Value, a.Mean, a.N) : new GateFailure(t.Key, t.Value, null, 0))];
    }

    private static Dictionary<string, double> ParseYaml(string yaml)
    {
        ThresholdsFile? file;
        try
        {
            file = new DeserializerBuilder().Build().Deserialize<ThresholdsFile?>(yaml);
        }
        catch (YamlException ex)
        {
            throw new ThresholdFormatException($"thresholds file: {ex.Message}");
        }

        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (metric, value) in file?.Thresholds ?? [])
        {
            thresholds[metric] = Number(value, metric);
        }

        return thresholds;
    }

    private static double Number(string? text, string metric) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ThresholdFormatException($"threshold for '{metric}' is not a number: '{text}'");

    private sealed class ThresholdsFile
    {
        [YamlMember(Alias = "thresholds")]
        public Dictionary<string, string?>? Thresholds { get; set; }
    }
}
