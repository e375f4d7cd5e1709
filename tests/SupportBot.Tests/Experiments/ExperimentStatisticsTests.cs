using SupportBot.Contracts;
using SupportBot.Data.Entities;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Tests.Experiments;

/// <summary>The pure parts of experiments: intervals, comparison, the regression gate.</summary>
public sealed class ExperimentStatisticsTests
{
    [Fact]
    public void Wilson_interval_matches_the_textbook_values_and_stays_inside_0_and_1()
    {
        var half = ConfidenceIntervals.Wilson(8, 10);
        Assert.Equal(0.8, half.Mean, 6);
        Assert.Equal(0.4902, half.Lower, 3);
        Assert.Equal(0.9433, half.Upper, 3);

        var all = ConfidenceIntervals.Wilson(20, 20);
        Assert.Equal(1.0, all.Upper, 9);
        Assert.True(all.Lower is > 0.8 and < 0.85, $"lower {all.Lower}");
    }

    [Fact]
    public void T_interval_uses_the_t_quantile_for_small_samples()
    {
        // mean 2, sd 1, n 4: half-width = t(0.975, 3) * 1 / 2 = 3.182 / 2.
        var interval = ConfidenceIntervals.StudentT([1.0, 2.0, 2.0, 3.0 + 0.0]);
        var sd = Math.Sqrt(((1 - 2.0) * (1 - 2.0) + 0 + 0 + 1) / 3);
        Assert.Equal(3.1824 * sd / 2, interval.HalfWidth, 3);
        Assert.Equal(2.0, interval.Mean, 9);
        Assert.Equal("t", interval.Method);
    }

    [Fact]
    public void Comparison_pairs_items_and_reports_improved_items_and_a_verdict()
    {
        var items = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var a = Outcome(items.Select((id, i) => new ItemMetric(id, i < 5 ? "export" : "other", "grounding", ScoreDataTypes.Numeric, i < 5 ? 0.2 : 0.8)));
        var b = Outcome(items.Select((id, i) => new ItemMetric(id, i < 5 ? "export" : "other", "grounding", ScoreDataTypes.Numeric, i < 5 ? 0.7 + i * 0.01 : 0.8)));

        var comparison = ExperimentComparer.Compare(a, b);

        var overall = Assert.Single(comparison.Deltas, d => d.Category is null);
        Assert.True(overall.Significant);
        Assert.Equal(0.26, overall.Delta, 6);
        Assert.Equal(items.Take(5).Order(), comparison.Improved.Select(c => c.ItemId).Order());
        Assert.Empty(comparison.Regressed);
        Assert.StartsWith("B better on grounding (+0.26", comparison.Verdict);
        Assert.EndsWith("no significant regressions", comparison.Verdict);
        Assert.False(Assert.Single(comparison.Deltas, d => d.Category == "other").Significant);
    }

    [Fact]
    public void Gate_reads_options_and_yaml_and_names_each_failed_metric()
    {
        var thresholds = RegressionGate.Parse(["grounding=0.7"], "thresholds:\n  grounding: 0.1\n  token_f1: 0.3\n  handoff_correct: 0.9\n");
        MetricAggregate Overall(string metric, double mean) => new(metric, ScoreDataTypes.Numeric, "overall", null, 10, mean, mean, mean, "t");

        var failures = RegressionGate.Check(thresholds, [Overall("grounding", 0.65), Overall("token_f1", 0.4)]);

        Assert.Equal(0.7, thresholds["grounding"]);
        Assert.Equal(["grounding", "handoff_correct"], failures.Select(f => f.Metric));
        Assert.Equal("grounding = 0.650 (n=10) is below 0.700", failures[0].ToString());
    }

    [Theory]
    [InlineData("grounding")]
    [InlineData("grounding=high")]
    [InlineData("=0.5")]
    public void Malformed_threshold_options_are_rejected(string option) =>
        Assert.Throws<ThresholdFormatException>(() => RegressionGate.Parse([option], null));

    [Fact]
    public void A_malformed_thresholds_file_is_rejected() =>
        Assert.Throws<ThresholdFormatException>(() => RegressionGate.Parse([], "thresholds: [unclosed"));

    private static RunOutcome Outcome(IEnumerable<ItemMetric> metrics)
    {
        var list = metrics.ToList();
        var run = new ExperimentRunView(Guid.NewGuid(), Guid.NewGuid(), "d", 1, null, "p", null, 1, null, "completed", list.Count, list.Count, 0, null,
            DateTimeOffset.UnixEpoch, null, null);
        return new RunOutcome(run, list, list.ToDictionary(m => m.ItemId, m => ("subject", "output")));
    }
}
