namespace SupportBot.Signals;

/// <summary>Configuration section "Signals": the Redis stream, its consumer group and the retry policy.</summary>
public sealed class SignalOptions
{
    public const string Section = "Signals";

    public string StreamName { get; set; } = "signals";
    public string GroupName { get; set; } = "signal-workers";
    public string DeadLetterStreamName { get; set; } = "signals:dead";

    /// <summary>Key prefix of the per-draft "sent already accepted" markers (SET NX).</summary>
    public string SentMarkerPrefix { get; set; } = "signals:sent:";

    /// <summary>
    /// Stable per worker instance, so a restarted worker finds its own pending entries first.
    /// Defaults to the machine name; give each replica on one machine its own.
    /// </summary>
    public string? ConsumerName { get; set; }

    /// <summary>
    /// Retention: XADD trims the stream to about this many entries (MAXLEN ~). Acknowledged entries
    /// are not needed again; the trim only has to stay far ahead of the worker's backlog
    /// (1,000,000 ≈ 8 minutes at 2,000 events/s, or days of normal traffic).
    /// </summary>
    public int MaxStreamLength { get; set; } = 1_000_000;

    public int MaxDeadLetters { get; set; } = 10_000;

    /// <summary>Deliveries before an event that keeps failing goes to the dead-letter stream.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Entries read per XREADGROUP and written in one transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// A pending entry idle this long is claimed again (XAUTOCLAIM): a failed attempt's retry delay,
    /// and how long a dead consumer's entries wait before another consumer takes them.
    /// </summary>
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How soon a consumer re-reads its own failed entries (each re-read is one more delivery), so a
    /// poison event reaches the dead-letter stream in seconds, not MaxAttempts × ClaimIdleTime.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sleep when the stream is empty (StackExchange.Redis cannot block on XREADGROUP).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the second-`sent` marker lives; after the worker wrote the outcome the database check covers it.</summary>
    public TimeSpan SentMarkerLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Off in processes that only publish (the API).</summary>
    public bool ConsumerEnabled { get; set; } = true;

    public string EffectiveConsumerName => string.IsNullOrWhiteSpace(ConsumerName) ? Environment.MachineName : ConsumerName;
}

/// <summary>Configuration section "ReviewQueue": what counts as a bad outcome worth a reviewer's look.</summary>
public sealed class ReviewQueueOptions
{
    public const string Section = "ReviewQueue";

    /// <summary>Word-level edit distance above which a sent draft is queued for review.</summary>
    public double EditDistanceThreshold { get; set; } = 0.5;
}
