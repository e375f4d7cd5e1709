using System.Globalization;
using SupportBot.Contracts;
using SupportBot.Data.Scores;

namespace SupportBot.Models;

/// <summary>
/// The verdict: explicit non-inferiority rules on the overall paired deltas (candidate − baseline). Every voting
/// rule must hold; a metric without pairs fails its rule (no evidence is not evidence of no harm).
/// <list type="bullet">
/// <item>reference F1: lower bound of the 95% interval ≥ −ReferenceF1Margin;</item>
/// <item>monitor flag rate: upper bound of the 95% interval ≤ +FlagRateMargin;</item>
/// <item>handoff correctness: mean delta ≥ −HandoffMargin ("not lower": a bound would demand a significant gain);</item>
/// <item>judge correctness: lower bound ≥ −JudgeMargin, voting only when the judge's κ with people is high enough.</item>
/// </list>
/// </summary>
public static class NonInferiority
{
    public const string FlaggedMetric = "monitor_flagged";

    public static List<VerdictRuleView> Rules(IReadOnlyList<MetricDelta> deltas, ComparisonOptions margins, JudgeTrustView judge)
    {
        var overall = deltas.Where(d => d.Category is null).ToDictionary(d => d.Metric, StringComparer.Ordinal);
        var rules = new List<VerdictRuleView>
        {
            Rule("reference F1 not lower by more than the margin", EvaluatorScoreDefinitions.ReferenceF1, "lower95", -margins.ReferenceF1Margin, overall, d => d.Lower, atLeast: true, votes: true, null),
            Rule("monitor flag rate not higher by more than the margin", FlaggedMetric, "upper95", margins.FlagRateMargin, overall, d => d.Upper, atLeast: false, votes: true, null),
            Rule("handoff correctness not lower", EvaluatorScoreDefinitions.HandoffCorrect, "mean", -margins.HandoffMargin, overall, d => d.Delta, atLeast: true, votes: true, null),
        };
        if (judge.Present)
        {
            rules.Add(Rule("judge correctness not lower by more than the margin", EvaluatorScoreDefinitions.JudgeCorrectness, "lower95", -margins.JudgeMargin,
                overall, d => d.Lower, atLeast: true, votes: judge.Votes, judge.Votes ? null : $"shown, does not vote: {judge.Reason}"));
        }

        return rules;
    }

    public static string Verdict(IReadOnlyList<VerdictRuleView> rules)
    {
        var failed = rules.Where(r => r.Votes && !r.Passed).ToList();
        return failed.Count == 0
            ? $"PASS: the candidate is not inferior on {string.Join(", ", rules.Where(r => r.Votes).Select(r => r.Metric))}"
            : $"FAIL: {string.Join("; ", failed.Select(r => r.Reason))}";
    }

    private static VerdictRuleView Rule(
        string rule, string metric, string statistic, double margin, Dictionary<string, MetricDelta> overall, Func<MetricDelta, double> value, bool atLeast,
        bool votes, string? note)
    {
        if (!overall.TryGetValue(metric, out var delta) || delta.Pairs == 0)
        {
            return new VerdictRuleView(rule, metric, statistic, margin, null, false, votes, note ?? $"{metric}: no paired scores, nothing shows the candidate is not worse");
        }

        var v = value(delta);
        margin = margin == 0 ? 0 : margin; // no "-0.000" in the reason
        var passed = atLeast ? v >= margin - 1e-12 : v <= margin + 1e-12;
        var reason = note ?? string.Create(CultureInfo.InvariantCulture,
            $"{metric} delta {delta.Delta:+0.000;-0.000} [{delta.Lower:+0.000;-0.000}, {delta.Upper:+0.000;-0.000}], n={delta.Pairs}: {statistic} {v:+0.000;-0.000;0.000} {(passed ? (atLeast ? ">=" : "<=") : (atLeast ? "<" : ">"))} {margin:+0.000;-0.000;0.000}");
        return new VerdictRuleView(rule, metric, statistic, margin, v, passed, votes, reason);
    }
}
