using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Scores;

namespace SupportBot.Models;

/// <summary>
/// Whether the LLM judge may vote: its judge_correctness against the human manual_review verdict on the same traces
/// (the phase-1 review samples: a person read the output and found it acceptable or not), Cohen's κ with n. Below
/// the minimum κ, or with too few labels, the judge's metric is reported but does not decide the verdict.
/// </summary>
public sealed class JudgeTrust(SupportBotDbContext db)
{
    public async Task<JudgeTrustView> AssessAsync(bool present, ComparisonOptions options, CancellationToken cancellationToken)
    {
        if (!present)
        {
            return new JudgeTrustView(false, null, 0, options.JudgeMinimumKappa, options.JudgeMinimumLabels, false, "no judge model configured: judge_correctness was skipped");
        }

        var labels = await LabelsAsync(cancellationToken);
        var (kappa, n) = JudgeAgreement.Kappa(labels);
        return Decide(kappa, n, options);
    }

    public static JudgeTrustView Decide(double? kappa, int n, ComparisonOptions options)
    {
        string reason;
        bool votes;
        if (n < options.JudgeMinimumLabels)
        {
            (votes, reason) = (false, $"only {n} items have both a judge score and a human verdict, need {options.JudgeMinimumLabels}");
        }
        else if (kappa is not { } k)
        {
            (votes, reason) = (false, $"kappa undefined over {n} items (one side gave a single answer)");
        }
        else
        {
            votes = k >= options.JudgeMinimumKappa;
            reason = string.Create(CultureInfo.InvariantCulture, $"Cohen's kappa {k:0.00} over {n} human-labelled items {(votes ? ">=" : "<")} {options.JudgeMinimumKappa:0.00}");
        }

        return new JudgeTrustView(true, kappa is { } value ? Math.Round(value, 4) : null, n, options.JudgeMinimumKappa, options.JudgeMinimumLabels, votes, reason);
    }

    /// <summary>(judge score, human verdict) per trace graded by both; the latest of each.</summary>
    private async Task<List<(double Judge, bool Human)>> LabelsAsync(CancellationToken cancellationToken) =>
        [.. (await db.Database.SqlQuery<Label>($"""
            SELECT j.numeric_value AS judge, h.numeric_value AS human
            FROM (SELECT DISTINCT ON (trace_id) trace_id, numeric_value FROM scores
                  WHERE name = {EvaluatorScoreDefinitions.JudgeCorrectness} AND numeric_value IS NOT NULL ORDER BY trace_id, created_at DESC) j
            JOIN (SELECT DISTINCT ON (trace_id) trace_id, numeric_value FROM scores
                  WHERE name = {ReviewScoreDefinitions.ManualReview} AND numeric_value IS NOT NULL ORDER BY trace_id, created_at DESC) h
              ON h.trace_id = j.trace_id
            """).ToListAsync(cancellationToken)).Select(l => (l.Judge, l.Human >= 0.5))];

    private sealed record Label(double Judge, double Human);
}
