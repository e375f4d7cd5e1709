using SupportBot.Data.Entities;

namespace SupportBot.Data.Conversations;

/// <summary>
/// The implicit signals of phase 3, each a boolean score on the trace of the bot answer it judges (seeded by
/// migration). docs/conversations.md has each rule and its parameters.
/// </summary>
public static class ConversationScoreDefinitions
{
    public const string AskedForHuman = "asked_for_human";
    public const string ReAsked = "re_asked";
    public const string Reopened = "reopened";
    public const string Abandoned = "abandoned";
    public const string Resolved = "resolved";

    public static readonly ScoreDefinition[] All =
    [
        new()
        {
            Name = AskedForHuman,
            DataType = ScoreDataTypes.Boolean,
            Description = "After this bot answer the customer asked for a person (phrase rules or similarity to example requests, per language).",
        },
        new()
        {
            Name = ReAsked,
            DataType = ScoreDataTypes.Boolean,
            Description = "The customer's next message asked the same thing again: embedding similarity to the previous question above the calibrated threshold, with no new information.",
        },
        new()
        {
            Name = Reopened,
            DataType = ScoreDataTypes.Boolean,
            Description = "The conversation this answer closed was reopened within the reopen window (7 days).",
        },
        new()
        {
            Name = Abandoned,
            DataType = ScoreDataTypes.Boolean,
            Description = "This answer asked or offered something and the customer neither wrote again within the abandon time nor closed the conversation.",
        },
        new()
        {
            Name = Resolved,
            DataType = ScoreDataTypes.Boolean,
            Description = "The customer's own answer when closing the conversation: resolved (true) or not (false).",
        },
    ];
}
