using SupportBot.Data.Entities;

namespace SupportBot.Data;

/// <summary>
/// The score definitions the phase-2 signals write against (seeded by migration), so every signal
/// score is typed and checked before it lands on a trace.
/// </summary>
public static class SignalScoreDefinitions
{
    public const string EditDistance = "edit_distance";
    public const string EditDistanceChars = "edit_distance_chars";
    public const string EditType = "edit_type";
    public const string Thumbs = "thumbs";

    public static readonly ScoreDefinition[] All =
    [
        new()
        {
            Name = EditDistance,
            DataType = ScoreDataTypes.Numeric,
            Description = "Normalized word-level edit distance between the draft and the reply the team sent: 0 = sent unchanged, 1 = rewritten.",
            MinValue = 0,
            MaxValue = 1,
        },
        new()
        {
            Name = EditDistanceChars,
            DataType = ScoreDataTypes.Numeric,
            Description = "Normalized character-level edit distance between the draft and the sent reply (0..1).",
            MinValue = 0,
            MaxValue = 1,
        },
        new()
        {
            Name = EditType,
            DataType = ScoreDataTypes.Categorical,
            Description = "What the team changed before sending: none, tone (greetings, politeness, punctuation, case), corrected (facts, steps, links, numbers), added (new information only).",
            Categories = [.. EditTypes.All],
        },
        new()
        {
            Name = Thumbs,
            DataType = ScoreDataTypes.Boolean,
            Description = "Thumbs up (true) or down (false) from the support team, with their comment.",
        },
    ];
}
