namespace SupportBot.Evaluation.Gates;

/// <summary>
/// Configuration section "Gates:Phase1": what offline → internal needs. The default thresholds are those of
/// eval/thresholds.yml (a test keeps them equal), so CI's regression gate and the promotion gate agree.
/// </summary>
public sealed class Phase1GateOptions
{
    public const string Section = "Gates:Phase1";

    /// <summary>Minimum per-category mean of each evaluator metric in the run (metric names as in docs/evaluators.md).</summary>
    public Dictionary<string, double> Thresholds { get; set; } = new(StringComparer.Ordinal)
    {
        ["handoff_correct"] = 0.80,
        ["reference_f1"] = 0.30,
    };

    /// <summary>Per category, thresholds that replace the defaults metric by metric.</summary>
    public Dictionary<string, Dictionary<string, double>> PerCategory { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Graded items of the category the run must have: a mean over three items says little.</summary>
    public int MinimumItems { get; set; } = 10;

    /// <summary>Items of the run's sample a person must have reviewed (fewer when the category has fewer items).</summary>
    public int MinimumReviewed { get; set; } = 10;

    /// <summary>Share of reviewed items found acceptable.</summary>
    public double MinimumAcceptableShare { get; set; } = 0.8;

    public IReadOnlyDictionary<string, double> ThresholdsFor(string category)
    {
        var merged = new Dictionary<string, double>(Thresholds, StringComparer.Ordinal);
        foreach (var (metric, value) in PerCategory.GetValueOrDefault(category) ?? [])
        {
            merged[metric] = value;
        }

        return merged;
    }
}
