using SupportBot.Contracts;
using SupportBot.Data.Entities;
using SupportBot.Evaluation.Experiments;
using SupportBot.Models;

namespace SupportBot.Tests.Models;

/// <summary>The statistics behind a model comparison's verdict: κ, the paired deltas, the non-inferiority rules.</summary>
public sealed class ModelVerdictTests
{
    [Fact]
    public void Cohens_kappa_matches_the_textbook_example()
    {
        // 50 items: both yes 20, judge yes/human no 5, judge no/human yes 10, both no 15.
        // p_o = 35/50 = 0.70; p_e = 0.5*0.6 + 0.5*0.4 = 0.50; kappa = 0.4.
        var labels = Enumerable.Repeat((0.9, true), 20).Concat(Enumerable.Repeat((0.9, false), 5))
            .Concat(Enumerable.Repeat((0.1, true), 10)).Concat(Enumerable.Repeat((0.1, false), 15)).ToList();

        var (kappa, n) = JudgeAgreement.Kappa(labels);

        Assert.Equal(50, n);
        Assert.Equal(0.4, kappa!.Value, 6);
    }

    [Fact]
    public void Kappa_is_undefined_when_both_sides_give_one_answer_only()
    {
        Assert.Null(JudgeAgreement.Kappa([(1.0, true), (0.8, true)]).Kappa);
    }

    [Fact]
    public void A_judge_below_the_minimum_kappa_is_shown_but_does_not_vote()
    {
        var options = new ComparisonOptions();
        var untrusted = JudgeTrust.Decide(0.4, 50, options);
        var trusted = JudgeTrust.Decide(0.7, 50, options);
        var tooFew = JudgeTrust.Decide(0.9, 5, options);
        // The judge says the candidate is much worse; only a trusted judge can fail the verdict for it.
        var deltas = Deltas(f1: (0.50, 0.50), flags: (0, 0), handoff: (1, 1), judge: (0.9, 0.2));

        var withUntrusted = NonInferiority.Rules(deltas, options, untrusted);
        var withTrusted = NonInferiority.Rules(deltas, options, trusted);

        Assert.False(untrusted.Votes);
        Assert.False(tooFew.Votes);
        Assert.Contains("need 20", tooFew.Reason);
        Assert.True(trusted.Votes);
        var shown = Assert.Single(withUntrusted, r => r.Metric == "judge_correctness");
        Assert.False(shown.Votes);
        Assert.False(shown.Passed);
        Assert.True(withUntrusted.Where(r => r.Votes).All(r => r.Passed));
        Assert.StartsWith("PASS", NonInferiority.Verdict(withUntrusted));
        Assert.StartsWith("FAIL", NonInferiority.Verdict(withTrusted));
    }

    [Fact]
    public void Reference_f1_lower_by_more_than_the_margin_fails_and_within_it_passes()
    {
        var options = new ComparisonOptions();
        var absent = new JudgeTrustView(false, null, 0, 0.6, 20, false, "none");

        var slightlyLower = NonInferiority.Rules(Deltas(f1: (0.500, 0.495), flags: (0, 0), handoff: (1, 1)), options, absent);
        var muchLower = NonInferiority.Rules(Deltas(f1: (0.50, 0.40), flags: (0, 0), handoff: (1, 1)), options, absent);

        Assert.True(slightlyLower.Single(r => r.Metric == "reference_f1").Passed);
        var failed = muchLower.Single(r => r.Metric == "reference_f1");
        Assert.False(failed.Passed);
        Assert.True(failed.Value < -0.02);
    }

    [Fact]
    public void More_flags_or_fewer_correct_handoffs_fail_and_missing_metrics_are_not_evidence()
    {
        var options = new ComparisonOptions();
        var absent = new JudgeTrustView(false, null, 0, 0.6, 20, false, "none");

        var moreFlags = NonInferiority.Rules(Deltas(f1: (0.5, 0.5), flags: (0, 1), handoff: (1, 1)), options, absent);
        var worseHandoff = NonInferiority.Rules(Deltas(f1: (0.5, 0.5), flags: (0, 0), handoff: (1, 0)), options, absent);
        var nothing = NonInferiority.Rules([], options, absent);

        Assert.False(moreFlags.Single(r => r.Metric == NonInferiority.FlaggedMetric).Passed);
        Assert.False(worseHandoff.Single(r => r.Metric == "handoff_correct").Passed);
        Assert.All(nothing, r => Assert.False(r.Passed));
    }

    [Fact]
    public void Paired_deltas_agree_with_experiment_compare()
    {
        var random = new Random(7);
        var items = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var a = items.Select((id, i) => new ItemMetric(id, i % 2 == 0 ? "billing" : "how-to", "reference_f1", ScoreDataTypes.Numeric, random.NextDouble())).ToList();
        var b = a.Select(m => m with { Value = Math.Clamp(m.Value + (random.NextDouble() - 0.4) * 0.2, 0, 1) }).ToList();

        var ours = PairedIntervals.Deltas(a, b);
        var view = new ExperimentRunView(Guid.NewGuid(), Guid.NewGuid(), "d", 1, null, "p", null, 1, null, "completed", 40, 40, 0, null, DateTimeOffset.UtcNow, null, null);
        var theirs = ExperimentComparer.Compare(new RunOutcome(view, a, new Dictionary<Guid, (string, string)>()), new RunOutcome(view, b, new Dictionary<Guid, (string, string)>())).Deltas;

        Assert.Equal(3, ours.Count);
        Assert.Equal(theirs.Select(d => (d.Category, Math.Round(d.Lower, 12), Math.Round(d.Upper, 12))), ours.Select(d => (d.Category, Math.Round(d.Lower, 12), Math.Round(d.Upper, 12))));
    }

    [Fact]
    public void Latency_percentiles_interpolate_between_order_statistics()
    {
        double[] values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

        Assert.Equal(55, ComparisonReporter.Percentile(values, 0.5));
        Assert.Equal(95.5, ComparisonReporter.Percentile(values, 0.95));
        Assert.Equal(0, ComparisonReporter.Percentile([], 0.5));
    }

    /// <summary>Overall deltas from 30 items per metric whose baseline and candidate values are as given (constant across items, so the interval is the value).</summary>
    private static List<MetricDelta> Deltas((double A, double B) f1, (double A, double B) flags, (double A, double B) handoff, (double A, double B)? judge = null)
    {
        var items = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var a = new List<ItemMetric>();
        var b = new List<ItemMetric>();
        void Add(string metric, string type, (double A, double B) values)
        {
            a.AddRange(items.Select(i => new ItemMetric(i, "c", metric, type, values.A)));
            b.AddRange(items.Select(i => new ItemMetric(i, "c", metric, type, values.B)));
        }

        Add("reference_f1", ScoreDataTypes.Numeric, f1);
        Add(NonInferiority.FlaggedMetric, ScoreDataTypes.Boolean, flags);
        Add("handoff_correct", ScoreDataTypes.Boolean, handoff);
        if (judge is { } j)
        {
            Add("judge_correctness", ScoreDataTypes.Numeric, j);
        }

        return PairedIntervals.Deltas(a, b);
    }
}
