namespace SupportBot.Drafting.Semantic;

/// <summary>Configuration section "Embeddings:Backfill": the worker's background embedding of history and help articles.</summary>
public sealed class VectorBackfillOptions
{
    public const string Section = "Embeddings:Backfill";

    public bool Enabled { get; set; } = true;

    /// <summary>Tickets per round trip; each gives two texts (question and reply).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>How often to look for tickets or articles without vectors once everything is embedded.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Wait until no ticket has changed for this long before embedding: an import running now gets the
    /// machine to itself and keeps its speed; vectors come after it.
    /// </summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Batches encoded at once (each encode uses Embeddings:IntraOpThreads threads).</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Least time between two progress lines in the log.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);
}
