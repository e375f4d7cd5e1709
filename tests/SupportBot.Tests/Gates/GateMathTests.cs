using SupportBot.Signals.Gates;

namespace SupportBot.Tests.Gates;

public sealed class GateMathTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 25, 0, TimeSpan.Zero);
    private static readonly GateThresholds Defaults = new();

    [Fact]
    public void A_category_without_data_is_not_ready_and_says_so()
    {
        var gate = Evaluate(SignalTotals.Empty);

        Assert.False(gate.Ready);
        Assert.Equal(["no sent drafts in window", "no thumbs in window, need 10"], gate.Reasons);
        Assert.All(gate.Checks.Where(c => c.Name != GateMath.ThumbsUpShare), c => Assert.Null(c.Value));
    }

    [Fact]
    public void Each_failing_check_gives_its_value_threshold_and_sample()
    {
        var gate = Evaluate(new SignalTotals(Sent: 57, Edited: 24, Corrected: 2, WordEditDistanceSum: 5.7, ThumbsUp: 12, ThumbsDown: 8));

        Assert.False(gate.Ready);
        Assert.Equal(["edited share 0.42 > 0.30 over 57 sent drafts", "thumbs-up share 0.60 < 0.80 over 20 thumbs"], gate.Reasons);
        var edited = gate.Checks.Single(c => c.Name == GateMath.EditedShare);
        Assert.Equal((24 / 57.0, 0.30, "max", 57, 50, false), (edited.Value!.Value, edited.Threshold, edited.Comparison, edited.SampleSize, edited.MinimumSampleSize, edited.Passed));
        Assert.Equal(0.1, gate.Checks.Single(c => c.Name == GateMath.MeanEditDistance).Value!.Value, 9);
    }

    [Fact]
    public void Enough_good_data_makes_the_gate_ready()
    {
        var gate = Evaluate(new SignalTotals(Sent: 80, Edited: 20, Corrected: 2, WordEditDistanceSum: 8, ThumbsUp: 18, ThumbsDown: 2));

        Assert.True(gate.Ready);
        Assert.Empty(gate.Reasons);
        Assert.All(gate.Checks, c => Assert.True(c.Passed, c.Name));
    }

    [Fact]
    public void Good_shares_over_too_few_drafts_are_not_enough()
    {
        var gate = Evaluate(new SignalTotals(Sent: 12, Edited: 0, Corrected: 0, WordEditDistanceSum: 0, ThumbsUp: 12, ThumbsDown: 0));

        Assert.False(gate.Ready);
        Assert.Equal(["only 12 sent drafts in window, need 50"], gate.Reasons);
    }

    [Fact]
    public void Thumbs_are_optional_when_the_minimum_feedback_is_zero()
    {
        var optional = Defaults with { MinimumFeedback = 0 };
        var gate = GateMath.Evaluate("c", "internal", optional, new SignalTotals(60, 3, 0, 1, 0, 0), Now, Now);

        Assert.True(gate.Ready);
        Assert.Null(gate.Checks.Single(c => c.Name == GateMath.ThumbsUpShare).Value);
    }

    [Fact]
    public void The_window_is_whole_hours_with_the_current_one_included()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero), GateMath.WindowStart(Now, TimeSpan.FromDays(7)));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero), GateMath.WindowStart(Now, TimeSpan.FromHours(1)));
    }

    private static Contracts.CategoryGateView Evaluate(SignalTotals totals) =>
        GateMath.Evaluate("billing", "internal", Defaults, totals, GateMath.WindowStart(Now, Defaults.Window), Now);
}
