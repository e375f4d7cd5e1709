using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Api.Apis;

/// <summary>The one mapping from a stored draft to what the API returns about it.</summary>
internal static class DraftResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DraftView View(Draft draft, string? ticketExternalId = null, DraftOutcome? outcome = null) =>
        new(draft.Id, draft.TicketId, draft.TraceId, draft.Text, draft.Category, draft.CategoryConfidence, draft.CategorySource,
            draft.Handoff, draft.HandoffReason, Citations(draft), draft.PromptName, draft.PromptVersion, draft.Model, draft.CreatedAt,
            ticketExternalId, outcome is null ? null : Outcome(outcome));

    public static DraftOutcomeView Outcome(DraftOutcome o) =>
        new(o.SentAt, o.SentText, o.AgentId, o.WordEditDistance, o.CharEditDistance, o.EditType, o.ThumbsUp, o.ThumbsDown, o.LastComment, o.ReviewStatus);

    public static TicketDraftResponse ForTicket(Guid ticketId, string externalId, Draft draft, bool created) =>
        new(ticketId, externalId, draft.Id, draft.TraceId, draft.Text, draft.Category, draft.CategoryConfidence, draft.CategorySource,
            draft.Handoff, draft.HandoffReason, Citations(draft), draft.PromptName, draft.PromptVersion, draft.Model, created);

    private static List<Citation> Citations(Draft draft) =>
        JsonSerializer.Deserialize<List<Citation>>(draft.Citations, Json) ?? [];
}
