using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace SupportBot.Contracts;

/// <summary>An incoming ticket from the ticketing system.</summary>
public sealed record CreateTicketRequest(
    string? ExternalId,
    string? Subject,
    [Required] string? Body,
    string? Category = null,
    string? Language = null,
    string? CustomerName = null,
    string[]? Tags = null,
    string? Priority = null,
    DateTimeOffset? CreatedAt = null);

public sealed record Citation(string Slug, int Version, string Url, string Title);

/// <summary>The ticket as stored and the draft written for it. <see cref="Created"/> is false when the ticket was already known.</summary>
public sealed record TicketDraftResponse(
    Guid TicketId,
    string ExternalId,
    Guid DraftId,
    string TraceId,
    string Text,
    string Category,
    double CategoryConfidence,
    string CategorySource,
    bool Handoff,
    string? HandoffReason,
    IReadOnlyList<Citation> Citations,
    string PromptName,
    int PromptVersion,
    string Model,
    bool Created);

public sealed record DraftView(
    Guid Id,
    Guid TicketId,
    string TraceId,
    string Text,
    string Category,
    double CategoryConfidence,
    string CategorySource,
    bool Handoff,
    string? HandoffReason,
    IReadOnlyList<Citation> Citations,
    string PromptName,
    int PromptVersion,
    string Model,
    DateTimeOffset CreatedAt,
    string? TicketExternalId = null,
    DraftOutcomeView? Outcome = null);

public sealed record ObservationView(
    string SpanId, string Type, string Name, DateTimeOffset StartedAt, double DurationMs,
    JsonElement Input, JsonElement Output, JsonElement Metadata);

public sealed record TraceView(
    string Id, string Name, Guid? TicketId, Guid? DraftId, DateTimeOffset StartedAt, double DurationMs,
    JsonElement Metadata, IReadOnlyList<ObservationView> Observations, IReadOnlyList<ScoreView>? Scores = null);

public sealed record SearchTicketHit(Guid Id, string ExternalId, string? Category, string Subject, string Reply, bool Escalated, string Language, double Score);

public sealed record SearchArticleHit(string Slug, int Version, string Title, string Url, string? Category, string Language, double Score);

public sealed record SearchResponse(IReadOnlyList<SearchTicketHit> Tickets, IReadOnlyList<SearchArticleHit> Articles);

public sealed record PromptSettingsDto(string? Model = null, float? Temperature = null, int? MaxOutputTokens = null);

public sealed record CreatePromptVersionRequest([Required] string? Name, [Required] string? Template, PromptSettingsDto? Settings = null, string[]? Labels = null);

/// <summary>
/// `PUT /api/prompts/{name}/labels/{label}`. Moving the production label of a prompt that has one is a switch: it needs a
/// passing comparison of that version with the production model (docs/switching-models.md), or force with a reason.
/// </summary>
public sealed record MovePromptLabelRequest([Required] int? Version, bool Force = false, string? Reason = null);

public sealed record PromptVersionView(string Name, int Version, string Template, PromptSettingsDto Settings, IReadOnlyList<string> Labels, DateTimeOffset CreatedAt);
