namespace SupportBot.Monitors;

/// <summary>
/// Configuration section "Monitors" (docs/monitors.md). Validated at start (<see cref="MonitorOptionsValidator"/>):
/// a broken pattern or threshold stops the service with a clear message instead of silently not checking.
/// </summary>
public sealed class MonitorOptions
{
    public const string Section = "Monitors";

    /// <summary>The Redis stream sent replies are queued on for checking, and the worker's consumer group.</summary>
    public string StreamName { get; set; } = "replies:check";
    public string GroupName { get; set; } = "monitor-workers";

    /// <summary>Stable per worker instance (defaults to the machine name), so a restarted worker finds its own pending entries.</summary>
    public string? ConsumerName { get; set; }

    /// <summary>XADD trims the stream to about this many entries.</summary>
    public int MaxStreamLength { get; set; } = 1_000_000;

    /// <summary>Replies read per XREADGROUP and written in one transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Replies checked at once (monitors are CPU work: about the core count).</summary>
    public int Parallelism { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>A pending entry idle this long is claimed again (a crashed consumer's, or a failed write's).</summary>
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Deliveries of an entry that keeps failing to write before it is logged and dropped (its flags are then lost).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Off in processes that only publish (the API).</summary>
    public bool ConsumerEnabled { get; set; } = true;

    /// <summary>How often the help center's stamp is checked for a reindex.</summary>
    public TimeSpan ArticleRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the follow-up backlog and precision gauges are re-read from Postgres.</summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The company's own names: disparaging them is rudeness.</summary>
    public List<string> CompanyNames { get; set; } = ["Tasklane"];

    /// <summary>Email domains that are the company's own (support@, privacy@): not a leak.</summary>
    public List<string> CompanyEmailDomains { get; set; } = ["tasklane.example"];

    /// <summary>URL prefixes outside the help center a reply may link to (status page, app, feedback board). Added to Evaluation:Grounding:AllowedUrlPrefixes.</summary>
    public List<string> AllowedUrlPrefixes { get; set; } = [];

    /// <summary>Competitors: sending the customer to one is rudeness.</summary>
    public List<string> Competitors { get; set; } = ["Asana", "Trello", "Monday.com", "ClickUp", "Jira", "Notion", "Basecamp", "Wrike", "Todoist", "Smartsheet"];

    /// <summary>Account-id formats of this product (regexes); one not from the customer's own conversation is a leak.</summary>
    public List<string> AccountIdPatterns { get; set; } = [@"\b(?:acct|cus|usr|ws|org|sub)_[A-Za-z0-9]{6,}\b", @"\bTL-C\d{5,}\b"];

    /// <summary>
    /// Commitment kinds a category's policy allows (refund, credit, price, compensation, guarantee, deadline, legal), each
    /// with an optional regex the whole reply must match for the allowance to apply (the policy it rests on). Default:
    /// billing may confirm refunds inside the 14-day window and prorated credits, as the team's own replies do.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> AllowedCommitments { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["billing"] = new(StringComparer.OrdinalIgnoreCase)
        {
            ["refund"] = @"\b14\s*-?\s*(day|days|tage|tagen|jours|d[ií]as)\b",
            ["credit"] = @"prorat|anteilig|guthaben|balance|proportionn|prorrat",
        },
    };

    /// <summary>Cosine similarity to an example phrasing at or above which a sentence is flagged, per monitor (0..1].</summary>
    public Dictionary<string, double> SimilarityThresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A policy claim counts as supported by an article sentence at this cosine similarity or above.</summary>
    public double PolicySupportThreshold { get; set; } = 0.72;

    public JudgeMonitorOptions Judge { get; set; } = new();

    public string EffectiveConsumerName => string.IsNullOrWhiteSpace(ConsumerName) ? Environment.MachineName : ConsumerName;
}

/// <summary>"Monitors:Judge": the optional LLM judge, any OpenAI-compatible endpoint, under a hard daily budget.</summary>
public sealed class JudgeMonitorOptions
{
    public string? BaseUrl { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }

    /// <summary>Judge calls per UTC day across all workers (counted in Redis); past it only the embedded monitors run.</summary>
    public int DailyCallBudget { get; set; } = 1000;

    /// <summary>Tokens (prompt + completion, as the provider reports them) per UTC day; 0 = no token cap besides the calls.</summary>
    public long DailyTokenBudget { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Redis key prefix of the daily counters ({prefix}:{yyyyMMdd}:calls and :tokens).</summary>
    public string BudgetKeyPrefix { get; set; } = "monitors:judge";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) || !string.IsNullOrWhiteSpace(Model);
}
