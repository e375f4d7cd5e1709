namespace SupportBot.Signals.Gates;

/// <summary>
/// Configuration section "Gates": the thresholds every category starts from (<see cref="Default"/>),
/// per-category overrides (<see cref="Categories"/>, only the values that differ), and how often
/// the worker refreshes its gauges.
/// </summary>
public sealed class GateOptions
{
    public const string Section = "Gates";

    public GateThresholds Default { get; set; } = new();

    /// <summary>Keyed by category name, e.g. Gates:Categories:billing:MaxEditedShare = 0.2.</summary>
    public Dictionary<string, GateThresholdOverrides> Categories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often the worker re-reads the hourly stats for its gate gauges.</summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);


    /// <summary>The thresholds for <paramref name="category"/>: the defaults with its overrides applied.</summary>
    public GateThresholds For(string category) =>
        Categories.TryGetValue(category, out var overrides) ? overrides.ApplyTo(Default) : Default;
}

/// <summary>What a category must show over its window before it may answer customers.</summary>
public sealed record GateThresholds
{
    /// <summary>How far back the hourly stats count (whole hours, the current one included).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Sent drafts needed in the window before any share means something.</summary>
    public int MinimumSent { get; set; } = 50;

    /// <summary>Share of sent drafts the team changed in any way (edit type other than none).</summary>
    public double MaxEditedShare { get; set; } = 0.30;

    /// <summary>Share of sent drafts the team had to correct (wrong facts or policy).</summary>
    public double MaxCorrectedShare { get; set; } = 0.05;

    /// <summary>Mean normalized word edit distance between draft and sent reply (0 unchanged, 1 rewritten).</summary>
    public double MaxMeanEditDistance { get; set; } = 0.15;

    /// <summary>Thumbs up over all thumbs.</summary>
    public double MinThumbsUpShare { get; set; } = 0.80;

    /// <summary>Thumbs needed in the window; 0 makes thumbs optional (the check passes without any).</summary>
    public int MinimumFeedback { get; set; } = 10;
}

/// <summary>Per-category overrides: only the values set here replace the defaults.</summary>
public sealed class GateThresholdOverrides
{
    public TimeSpan? Window { get; set; }
    public int? MinimumSent { get; set; }
    public double? MaxEditedShare { get; set; }
    public double? MaxCorrectedShare { get; set; }
    public double? MaxMeanEditDistance { get; set; }
    public double? MinThumbsUpShare { get; set; }
    public int? MinimumFeedback { get; set; }

    public GateThresholds ApplyTo(GateThresholds defaults) => defaults with
    {
        Window = Window ?? defaults.Window,
        MinimumSent = MinimumSent ?? defaults.MinimumSent,
        MaxEditedShare = MaxEditedShare ?? defaults.MaxEditedShare,
        MaxCorrectedShare = MaxCorrectedShare ?? defaults.MaxCorrectedShare,
        MaxMeanEditDistance = MaxMeanEditDistance ?? defaults.MaxMeanEditDistance,
        MinThumbsUpShare = MinThumbsUpShare ?? defaults.MinThumbsUpShare,
        MinimumFeedback = MinimumFeedback ?? defaults.MinimumFeedback,
    };
}
