using System.Globalization;
using SupportBot.Contracts;

namespace SupportBot.Signals.Gates;

/// <summary>Sums of the hourly signal stats over one category's window.</summary>
public sealed record SignalTotals(int Sent, int Edited, int Corrected, double WordEditDistanceSum, int ThumbsUp, int ThumbsDown)
{
    public static readonly SignalTotals Empty = new(0, 0, 0, 0, 0, 0);

    public int Feedback => ThumbsUp + ThumbsDown;
}

/// <summary>The gate decision itself: pure, so its edge cases are unit-tested without a database.</summary>
public static class GateMath
{
    public const string EditedShare = "edited_share";
    public const string CorrectedShare = "corrected_share";
    public const string MeanEditDistance = "mean_edit_distance";
    public const string ThumbsUpShare = "thumbs_up_share";

    private const string Max = "max";
    private const string Min = "min";

    /// <summary>
    /// The first hour bucket inside a window ending now: whole hours, the current (partial) one
    /// included, so a 7-day window counts 168 buckets.
    /// </summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, TimeSpan window)
    {
        var start = now.ToUniversalTime() + TimeSpan.FromHours(1) - window;
        return new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
    }

    public static CategoryGateView Evaluate(
        string category, string phase, GateThresholds thresholds, SignalTotals totals, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var reasons = new List<string>();
        string? sentShortfall = null;
        if (totals.Sent == 0)
        {
            sentShortfall = "no sent drafts in window";
        }
        else if (totals.Sent < thresholds.MinimumSent)
        {
            sentShortfall = $"only {totals.Sent} sent drafts in window, need {thresholds.MinimumSent}";
        }

        if (sentShortfall is not null)
        {
            reasons.Add(sentShortfall);
        }

        var checks = new List<GateCheckView>
        {
            SentCheck(EditedShare, "edited share", Share(totals.Edited, totals.Sent), thresholds.MaxEditedShare, totals.Sent, thresholds.MinimumSent, sentShortfall),
            SentCheck(CorrectedShare, "corrected share", Share(totals.Corrected, totals.Sent), thresholds.MaxCorrectedShare, totals.Sent, thresholds.MinimumSent, sentShortfall),
            SentCheck(MeanEditDistance, "mean edit distance", totals.Sent == 0 ? null : totals.WordEditDistanceSum / totals.Sent,
                thresholds.MaxMeanEditDistance, totals.Sent, thresholds.MinimumSent, sentShortfall),
            ThumbsCheck(totals, thresholds),
        };

        reasons.AddRange(checks.Where(c => !c.Passed && c.Reason is { } r && r != sentShortfall).Select(c => c.Reason!));
        return new CategoryGateView(category, phase, reasons.Count == 0, reasons, windowStart, windowEnd, totals.Sent, totals.Feedback, checks);
    }

    private static GateCheckView SentCheck(string name, string label, double? value, double threshold, int sent, int minimumSent, string? sentShortfall)
    {
        if (value is null || sentShortfall is not null)
        {
            return new GateCheckView(name, value, threshold, Max, sent, minimumSent, Passed: false, sentShortfall);
        }

        var passed = value.Value <= threshold;
        var reason = passed ? null : $"{label} {F(value.Value)} > {F(threshold)} over {sent} sent drafts";
        return new GateCheckView(name, value, threshold, Max, sent, minimumSent, passed, reason);
    }

    private static GateCheckView ThumbsCheck(SignalTotals totals, GateThresholds thresholds)
    {
        var value = Share(totals.ThumbsUp, totals.Feedback);
        var (minimum, threshold) = (thresholds.MinimumFeedback, thresholds.MinThumbsUpShare);
        if (totals.Feedback == 0 && minimum == 0)
        {
            return new GateCheckView(ThumbsUpShare, null, threshold, Min, 0, 0, Passed: true, null);
        }

        if (totals.Feedback < minimum)
        {
            var shortfall = totals.Feedback == 0 ? $"no thumbs in window, need {minimum}" : $"only {totals.Feedback} thumbs in window, need {minimum}";
            return new GateCheckView(ThumbsUpShare, value, threshold, Min, totals.Feedback, minimum, Passed: false, shortfall);
        }

        var passed = value >= threshold;
        var reason = passed ? null : $"thumbs-up share {F(value!.Value)} < {F(threshold)} over {totals.Feedback} thumbs";
        return new GateCheckView(ThumbsUpShare, value, threshold, Min, totals.Feedback, minimum, passed, reason);
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
