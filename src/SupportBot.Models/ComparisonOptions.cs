namespace SupportBot.Models;

/// <summary>
/// Configuration section "Models:Comparison": the non-inferiority margins a candidate must meet, and when an LLM
/// judge may vote. Margins are in the metric's own units (F1 0..1, flag rate as a share: 0.01 = one point).
/// </summary>
public sealed class ComparisonOptions
{
    public const string Section = "Models:Comparison";

    /// <summary>Reference F1 of the candidate may be lower by at most this, at 95% (lower bound of the paired delta).</summary>
    public double ReferenceF1Margin { get; set; } = 0.02;

    /// <summary>The monitors' flag rate on the candidate's drafts may be higher by at most this, at 95% (upper bound).</summary>
    public double FlagRateMargin { get; set; } = 0.01;

    /// <summary>Handoff correctness may be lower by at most this (mean paired delta; 0 = not lower).</summary>
    public double HandoffMargin { get; set; }

    /// <summary>The judge's correctness may be lower by at most this, at 95% — only when the judge is trusted.</summary>
    public double JudgeMargin { get; set; } = 0.02;

    /// <summary>Cohen's κ of the judge against human labels needed before its metric votes.</summary>
    public double JudgeMinimumKappa { get; set; } = 0.6;

    /// <summary>Human-labelled items the judge must have graded too before κ means anything.</summary>
    public int JudgeMinimumLabels { get; set; } = 20;

    /// <summary>
    /// A switch needs a comparison over every active dataset (scope "all"), each still at the version compared. Off
    /// lets a comparison of selected datasets allow a switch (only for stacks whose datasets are not all relevant).
    /// </summary>
    public bool RequireEveryActiveDataset { get; set; } = true;
}
