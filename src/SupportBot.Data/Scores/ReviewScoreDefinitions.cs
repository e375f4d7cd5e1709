using SupportBot.Data.Entities;

namespace SupportBot.Data.Scores;

/// <summary>Scores written by error analysis and the help-center freshness check. Seeded by the model (HasData).</summary>
public static class ReviewScoreDefinitions
{
    public const string ManualReview = "manual_review";
    public const string CitesOutdatedArticle = "cites_outdated_article";

    public static IReadOnlyList<ScoreDefinition> All { get; } =
    [
        new()
        {
            Name = ManualReview,
            DataType = ScoreDataTypes.Boolean,
            Description = "A reviewer read the output and found it acceptable (true) or not (false); the comment says why (tone, wording, facts).",
            MinValue = 0,
            MaxValue = 1,
        },
        new()
        {
            Name = CitesOutdatedArticle,
            DataType = ScoreDataTypes.Boolean,
            Description = "The draft cites a help-article version older than the article's current version; the comment names slug and versions.",
            MinValue = 0,
            MaxValue = 1,
        },
    ];
}
