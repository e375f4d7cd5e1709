using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Retrieval;

namespace SupportBot.Drafting.Pipeline;

/// <summary>What to draft a reply to. A live ticket has an id; experiment items may not.</summary>
public sealed record DraftInput(string Subject, string Body, string Language, string? Category, string? CustomerName)
{
    public Guid? TicketId { get; init; }

    /// <summary>Historical tickets retrieval must not return (the item itself when replaying history).</summary>
    public IReadOnlyCollection<Guid> ExcludeTicketIds { get; init; } = [];
}

/// <summary>Which prompt to draft with: a version, else a label (production by default).</summary>
public sealed record DraftOptions(string PromptName = Prompts.PromptLabels.DefaultPromptName, string? PromptLabel = null, int? PromptVersion = null)
{
    public string TraceName { get; init; } = "draft";

    /// <summary>Overrides the prompt version's model (experiments comparing models).</summary>
    public string? Model { get; init; }
}

public sealed record PromptReference(string Name, int Version);

public sealed record CitedArticle(string Slug, int Version, string Url, string Title);

public sealed record DraftResult(
    Guid? DraftId,
    string TraceId,
    string Text,
    bool Handoff,
    string? HandoffReason,
    CategoryDecision Category,
    IReadOnlyList<CitedArticle> Citations,
    PromptReference Prompt,
    string Model,
    IReadOnlyList<SimilarTicket> SimilarTickets,
    IReadOnlyList<ArticleHit> Articles,
    double DurationMs);
