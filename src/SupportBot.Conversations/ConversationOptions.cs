namespace SupportBot.Conversations;

/// <summary>Configuration section "Conversations". docs/conversations.md explains each value and how it was chosen.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>Longest customer message accepted, in characters: a chat message, not a ticket export.</summary>
    public int MaxMessageLength { get; set; } = 4_000;

    /// <summary>Earlier messages given to the model as context (the newest ones).</summary>
    public int HistoryTurns { get; set; } = 12;

    /// <summary>Below this classification confidence the bot does not answer (the category may be wrong).</summary>
    public double MinCategoryConfidence { get; set; } = 0.4;

    /// <summary>Below this score of the closest resolved ticket the bot does not answer (nothing similar was ever solved).</summary>
    public double MinRetrievalScore { get; set; } = 0.1;

    /// <summary>Cosine similarity (all-MiniLM-L6-v2) from which a customer message reads as a request for a person.</summary>
    public double HumanRequestSimilarity { get; set; } = 0.72;

    /// <summary>Cosine similarity to the previous question from which a message may be a re-ask.</summary>
    public double ReAskSimilarity { get; set; } = 0.75;

    /// <summary>A message that adds more than this many new content words (or any new number, link or address) is new information, not a re-ask.</summary>
    public int ReAskMaxNewTerms { get; set; } = 3;

    /// <summary>Hand off once the customer has re-asked this many times in the conversation.</summary>
    public int MaxReAsks { get; set; } = 2;

    /// <summary>An answer that asked or offered something is abandoned when the customer neither writes nor closes within this.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the worker looks for abandoned conversations.</summary>
    public TimeSpan AbandonSweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A reopen within this of closing counts as the signal "reopened".</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The resolution rates' window (conversations started within it).</summary>
    public TimeSpan ResolutionWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the worker recomputes the resolution gauges.</summary>
    public TimeSpan ResolutionRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    public ConversationRateLimits RateLimits { get; set; } = new();
}

/// <summary>Token buckets (ASP.NET Core rate limiting): per conversation against a flooding customer, per channel key against a runaway channel.</summary>
public sealed class ConversationRateLimits
{
    /// <summary>Customer messages one conversation may send per minute (burst and refill).</summary>
    public int MessagesPerConversationPerMinute { get; set; } = 20;

    /// <summary>Conversation requests (start, message, close, reopen) one channel key may make per minute.</summary>
    public int RequestsPerChannelKeyPerMinute { get; set; } = 3_000;
}
