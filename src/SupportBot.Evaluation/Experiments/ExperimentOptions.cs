namespace SupportBot.Evaluation.Experiments;

/// <summary>Configuration section "Experiments" of the eval worker.</summary>
public sealed class ExperimentOptions
{
    public const string Section = "Experiments";

    /// <summary>Items drafted and graded at once within a run.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How long a claimed run stays this worker's without a renewal; a crashed worker's run is re-claimed after it.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Which runs this worker takes (runs name a pool; "default" unless a dedicated pool was asked for).</summary>
    public string Pool { get; set; } = Data.Entities.ExperimentPools.Default;

    /// <summary>How often the queue is polled for new runs (StackExchange.Redis cannot block on XREADGROUP).</summary>
    public int PollMilliseconds { get; set; } = 250;

    /// <summary>How often Postgres is swept for runs to (re)claim even without a queue message: crash recovery.</summary>
    public int SweepSeconds { get; set; } = 5;
}
