namespace SupportBot.Drafting.Models;

/// <summary>
/// Configuration section "Models": the named model configurations a prompt can draft with. "default" is what
/// Drafting:* configures (provider, OpenAI endpoint, retrieval) unless Models:Candidates:default says otherwise;
/// every other name is a candidate to compare (`supportbot model compare`) and, once compared, to switch to.
/// </summary>
public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>The built-in name of the configuration Drafting:* describes.</summary>
    public const string DefaultName = "default";

    /// <summary>The model a prompt drafts with until someone switches it (production_models has no row for the prompt).</summary>
    public string Default { get; set; } = DefaultName;

    public Dictionary<string, ModelDefinition> Candidates { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One named model configuration: who generates, how context is retrieved, what a token costs.</summary>
public sealed class ModelDefinition
{
    /// <summary>"embedded" (the extractive drafter) or "openai" (any OpenAI-compatible endpoint).</summary>
    public string Provider { get; set; } = DraftingProviders.Embedded;

    /// <summary>For "openai": e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>For "openai": the model id sent with every request.</summary>
    public string? Model { get; set; }

    /// <summary>From user secrets or the environment (Models__Candidates__NAME__ApiKey), never from a checked-in file.</summary>
    public string? ApiKey { get; set; }

    /// <summary>"hybrid" (full-text and sentence vectors) or "fulltext".</summary>
    public string Retrieval { get; set; } = RetrievalModes.Hybrid;

    /// <summary>Price of a million input (prompt) tokens, in the currency of your bill; null = unknown (the report says so).</summary>
    public decimal? InputPricePerMillion { get; set; }

    /// <summary>Price of a million output (completion) tokens.</summary>
    public decimal? OutputPricePerMillion { get; set; }

    public string? Description { get; set; }

    public ModelDefinition Clone() => (ModelDefinition)MemberwiseClone();

    /// <summary>What the API and reports show: everything but the key.</summary>
    public string Summary => Provider.Equals(DraftingProviders.OpenAI, StringComparison.OrdinalIgnoreCase)
        ? $"openai {Model} at {BaseUrl}, {Retrieval} retrieval"
        : $"embedded extractive drafter, {Retrieval} retrieval";
}
