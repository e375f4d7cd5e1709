namespace SupportBot.Data;

/// <summary>Size limits shared by the schema, the API's validation and the importers.</summary>
public static class TextLimits
{
    public const int ExternalId = 200;
    public const int CategoryName = 60;
    public const int Language = 10;
    public const int Subject = 1_000;

    /// <summary>64 KiB of text: far above any real ticket, small enough to keep a bad export from bloating the index.</summary>
    public const int Body = 65_536;

    public const int Tag = 100;
    public const int MaxTags = 50;
    public const int Priority = 20;

    /// <summary>A customer's display name; the column is text, this keeps an export's junk out of it.</summary>
    public const int PersonName = 200;

    // Phase 2 signals: the reply the team sent is a ticket body's size; comments and notes are short.
    public const int SentReply = Body;
    public const int Comment = 2_000;
    public const int AgentId = 100;

    /// <summary>Failure modes from error analysis: a short slug ("cites-outdated-article").</summary>
    public const int FailureModeName = 80;
}
