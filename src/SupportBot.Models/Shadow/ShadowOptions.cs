namespace SupportBot.Models.Shadow;

/// <summary>
/// Configuration section "Models:Shadow" (docs/switching-models.md, shadow mode): a candidate model configuration that
/// drafts a sampled share of live tickets in the worker, never shown and never sent. Off while <see cref="Candidate"/> is empty.
/// </summary>
public sealed class ShadowOptions
{
    public const string Section = "Models:Shadow";

    /// <summary>A named model configuration (Models:Candidates:&lt;name&gt; or default); empty = shadow mode off.</summary>
    public string? Candidate { get; set; }

    /// <summary>Share of live tickets the candidate drafts, 0..1. Sampling is by ticket id, so it is stable across restarts and workers.</summary>
    public double SampleRate { get; set; } = 0.1;

    /// <summary>How often the worker looks for new live drafts to shadow and for sent replies to score.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Production drafts at most this old are shadowed: what a worker that was down (or just turned shadow mode on) catches up on.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tickets claimed per poll; drafted one after another, so the worker's other work keeps its share of the machine.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Attempts per ticket before a shadow draft stays failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>A claim older than this without a result is a crashed worker's: another worker takes it over.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait before a failed attempt is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Candidate);
}
