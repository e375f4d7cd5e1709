using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Retrieval;

namespace SupportBot.Drafting.Pipeline;

/// <summary>What to draft a reply to. A live ticket has an id; experiment items may not.</summary>
public sealed record DraftInput(string Subject, string Body, string Language, string? Category, string? CustomerName)
{
    public Guid? TicketId { get; init; }

    /// <summary>Historical tickets retrieval must not return (the item itself when replaying history).</summary>
    public IReadOnlyCollection<Guid> ExcludeTicketIds { get; init; } = [];

    // --- Multi-turn conversations (phase 3) ---

    /// <summary>Earlier turns of a customer conversation, oldest first; empty for a ticket. They reach the model as data.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    /// <summary>The conversation this answer belongs to; recorded on the trace with <see cref="Turn"/>.</summary>
    public Guid? ConversationId { get; init; }

    /// <summary>Which customer message of the conversation this answers (1 = the first).</summary>
    public int? Turn { get; init; }
}

/// <summary>One earlier message of a conversation: role "customer", "bot" or "agent", and its text.</summary>
public sealed record ConversationTurn(string Role, string Text);

/// <summary>What the pipeline knows just before generation: the caller may hand off here instead of generating.</summary>
public sealed record DraftCheckpoint(CategoryDecision Category, IReadOnlyList<SimilarTicket> SimilarTickets, IReadOnlyList<ArticleHit> Articles);

/// <summary>Which prompt to draft with: a version, else a label (production by default).</summary>
public sealed record DraftOptions(string PromptName = Prompts.PromptLabels.DefaultPromptName, string? PromptLabel = null, int? PromptVersion = null)
{
    public string TraceName { get; init; } = "draft";

    /// <summary>Overrides the prompt version's model (experiments comparing models).</summary>
    public string? Model { get; init; }

    /// <summary>The named model configuration to draft with (Models:Candidates:&lt;name&gt;); null = the prompt's production model.</summary>
    public string? ModelConfiguration { get; init; }

    /// <summary>
    /// Asked after classification and retrieval: a non-null reason hands off without calling the model (recorded as a
    /// "guard" observation). The conversations use it to enforce the phase gate and the pause switch at answer time.
    /// </summary>
    public Func<DraftCheckpoint, CancellationToken, ValueTask<string?>>? HandOffBeforeGeneration { get; init; }
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
    double DurationMs)
{
    /// <summary>The named model configuration that drafted (see <see cref="DraftOptions.ModelConfiguration"/>).</summary>
    public string ModelConfiguration { get; init; } = Models.ModelsOptions.DefaultName;

    public TokenUsage Usage { get; init; } = new(0, 0, false);
}

/// <summary>Tokens of the generation; <see cref="Counted"/> when the provider reported none and they were counted here.</summary>
public sealed record TokenUsage(int InputTokens, int OutputTokens, bool Counted);
