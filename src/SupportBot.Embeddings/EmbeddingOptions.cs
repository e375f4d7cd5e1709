namespace SupportBot.Embeddings;

/// <summary>Configuration section "Embeddings": which model turns text into vectors.</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Embeddings";

    /// <summary>"embedded" (default: all-MiniLM-L6-v2 inside the process, no network) or "openai" (any OpenAI-compatible /embeddings endpoint).</summary>
    public string Provider { get; set; } = EmbeddingProviders.Embedded;

    public OpenAIEmbeddingOptions OpenAI { get; set; } = new();

    /// <summary>
    /// Threads one embedded encode may use. One keeps a single text at its fastest latency (~13 ms) while
    /// concurrent requests use the other cores; raise it for a process that embeds large batches alone.
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Cache vectors in the distributed cache (Redis), keyed by a hash of the text and the model.</summary>
    public bool Cache { get; set; } = true;

    /// <summary>Put embedded text into OpenTelemetry spans. Off by default: ticket text stays out of telemetry.</summary>
    public bool RecordContentInTelemetry { get; set; }
}

public sealed class OpenAIEmbeddingOptions
{
    /// <summary>e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama), a vLLM or TEI server.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>e.g. text-embedding-3-small, nomic-embed-text.</summary>
    public string? Model { get; set; }

    /// <summary>From user secrets or the environment (Embeddings__OpenAI__ApiKey), never from a checked-in file.</summary>
    public string? ApiKey { get; set; }
}

public static class EmbeddingProviders
{
    public const string Embedded = "embedded";
    public const string OpenAI = "openai";
}
