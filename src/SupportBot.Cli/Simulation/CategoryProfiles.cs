namespace SupportBot.Cli.Simulation;

/// <summary>
/// How the simulated team treats drafts in one category: how often it sends them unchanged, edits
/// them lightly or rewrites them (with the historical reply), and how often and how kindly it gives thumbs.
/// </summary>
public sealed record CategoryProfile(double Unchanged, double LightEdit, double Rewrite, double FeedbackRate, double ThumbsUpRate);

public static class CategoryProfiles
{
    /// <summary>
    /// Different on purpose, so the gates dashboard shows categories far apart: how-to questions
    /// are well covered by articles, billing needs policy judgement, troubleshooting has the stale
    /// export article (see data/demo/README.md).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, CategoryProfile> Demo = new Dictionary<string, CategoryProfile>(StringComparer.Ordinal)
    {
        ["how-to"] = new(0.80, 0.15, 0.05, 0.5, 0.92),
        ["integrations-api"] = new(0.70, 0.20, 0.10, 0.5, 0.85),
        ["account-access"] = new(0.60, 0.25, 0.15, 0.5, 0.80),
        ["troubleshooting"] = new(0.50, 0.25, 0.25, 0.5, 0.70),
        ["bugs-feature-requests"] = new(0.50, 0.30, 0.20, 0.4, 0.70),
        ["billing"] = new(0.40, 0.25, 0.35, 0.5, 0.60),
    };

    public static readonly CategoryProfile Other = new(0.55, 0.25, 0.20, 0.5, 0.75);

    public static CategoryProfile For(string category) => Demo.GetValueOrDefault(category, Other);
}
