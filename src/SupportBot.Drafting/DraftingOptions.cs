namespace SupportBot.Drafting;

/// <summary>Configuration section "Drafting": which model drafts, and how much context it gets.</summary>
public sealed class DraftingOptions
{
    public const string Section = "Drafting";

    /// <summary>"embedded" (default: the network-free extractive drafter) or "openai" (any OpenAI-compatible endpoint).</summary>
    public string Provider { get; set; } = DraftingProviders.Embedded;

    public OpenAICompatibleOptions OpenAI { get; set; } = new();

    public int SimilarTickets { get; set; } = 5;

    /// <summary>
    /// How many tickets the full-text index may hand to ranking per query (see Retriever): more finds
    /// more distant matches in a large history, fewer keeps drafting fast. docs/benchmarks.md has the trade-off.
    /// </summary>
    public long CandidateBudget { get; set; } = SupportBot.Drafting.Retrieval.Retriever.DefaultCandidateBudget;
    public int Articles { get; set; } = 3;

    /// <summary>
    /// Below this confidence a classified (not given) category counts as unknown: the draft is filed
    /// under "uncategorized" and handed to the team. 0 (default) trusts every vote; docs/benchmarks.md
    /// has accuracy and coverage at several thresholds on the demo history to choose from.
    /// </summary>
    public double MinCategoryConfidence { get; set; }

    /// <summary>
    /// "hybrid" (default: full-text and sentence-vector candidates fused, full-text alone until the
    /// worker's backfill has stored vectors) or "fulltext" (PostgreSQL full-text search only).
    /// </summary>
    public string Retrieval { get; set; } = RetrievalModes.Hybrid;

    /// <summary>Cache model responses in Redis, keyed by messages, options and prompt version.</summary>
    public bool ResponseCache { get; set; } = true;

    /// <summary>What in historical replies is the company's and may be reused (Drafting:Privacy); see docs/privacy.md.</summary>
    public Privacy.PrivacyOptions Privacy { get; set; } = new();

    /// <summary>Put prompts and replies into OpenTelemetry spans. Off by default: ticket text stays out of telemetry.</summary>
    public bool RecordContentInTelemetry { get; set; }
}

public sealed class OpenAICompatibleOptions
{
    /// <summary>e.g. https://api.openai.com/v1, an Azure OpenAI /openai/v1 URL, http://localhost:11434/v1 (Ollama), a vLLM server.</summary>
    public string? BaseUrl { get; set; }

    public string? Model { get; set; }

    /// <summary>From user secrets or the environment (Drafting__OpenAI__ApiKey), never from a checked-in file.</summary>
    public string? ApiKey { get; set; }
}

public static class RetrievalModes
{
    public const string Hybrid = "hybrid";
    public const string FullText = "fulltext";

    public static bool IsHybrid(string? mode) => (mode ?? Hybrid).ToLowerInvariant() switch
    {
        Hybrid => true,
        FullText => false,
        var other => throw new InvalidOperationException($"Drafting:Retrieval '{other}' is unknown; use '{Hybrid}' or '{FullText}'."),
    };
}

public static class DraftingProviders
{
    public const string Embedded = "embedded";
    public const string OpenAI = "openai";
}
