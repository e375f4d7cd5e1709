namespace SupportBot.Cli.Simulation;

public enum ReplyKind
{
    Unchanged,
    LightEdit,
    Rewrite,
}

/// <summary>What the simulated agent sends for a draft.</summary>
public static class ReplyEdits
{
    private static readonly string[] Additions =
    [
        "Thanks for your patience while we looked into this.",
        "Let me know if anything is still unclear.",
        "Sorry for the trouble this caused.",
    ];

    public static ReplyKind Pick(CategoryProfile profile, Random random)
    {
        var roll = random.NextDouble() * (profile.Unchanged + profile.LightEdit + profile.Rewrite);
        return roll < profile.Unchanged ? ReplyKind.Unchanged
            : roll < profile.Unchanged + profile.LightEdit ? ReplyKind.LightEdit
            : ReplyKind.Rewrite;
    }

    /// <summary>
    /// The reply for <paramref name="kind"/>: the draft itself, the draft with one sentence added
    /// after the greeting, or the reply the team really sent back then.
    /// </summary>
    public static string Reply(ReplyKind kind, string draft, string? historicalReply, Random random) => kind switch
    {
        ReplyKind.Unchanged => draft,
        ReplyKind.Rewrite when !string.IsNullOrWhiteSpace(historicalReply) => historicalReply,
        _ => LightEdit(draft, random),
    };

    private static string LightEdit(string draft, Random random)
    {
        var addition = Additions[random.Next(Additions.Length)];
        var lines = draft.Split('\n').ToList();
        // After the greeting line when there is one, so the edit reads like a person's.
        var at = lines.Count > 2 ? 2 : lines.Count;
        lines.Insert(at, addition);
        return string.Join('\n', lines);
    }

    /// <summary>Rewritten drafts rarely get a thumbs up, unchanged ones usually do.</summary>
    public static bool ThumbsUp(ReplyKind kind, CategoryProfile profile, Random random) =>
        random.NextDouble() < kind switch
        {
            ReplyKind.Unchanged => profile.ThumbsUpRate,
            ReplyKind.LightEdit => profile.ThumbsUpRate * 0.8,
            _ => profile.ThumbsUpRate * 0.3,
        };
}
