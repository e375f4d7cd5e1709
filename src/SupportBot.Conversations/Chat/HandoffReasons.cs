namespace SupportBot.Conversations.Chat;

/// <summary>Why a conversation went to the team. The kind (before the colon) labels metrics; the rest is for people.</summary>
public static class HandoffReasons
{
    public const string AskedForHuman = "asked_for_human";
    public const string ReAsked = "re_asked";
    public const string NotCleared = "not_cleared";
    public const string Paused = "paused";
    public const string LowConfidence = "low_confidence";
    public const string LowRetrieval = "low_retrieval";
    public const string Drafter = "drafter";

    public static IReadOnlyList<string> Kinds { get; } = [AskedForHuman, ReAsked, NotCleared, Paused, LowConfidence, LowRetrieval, Drafter];

    public static string Kind(string reason)
    {
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? reason : reason[..colon];
        return Kinds.Contains(kind) ? kind : Drafter;
    }
}
