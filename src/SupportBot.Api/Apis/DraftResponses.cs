using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Api.Apis;

/// <summary>The one mapping from a stored draft to what the API returns about it.</summary>
internal static class DraftResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DraftView View(Draft draft) =>
        new(draft.Id, draft.TicketId, draft.TraceId, draft.Text, draft.Category, draft.CategoryConfidence, draft.CategorySource,
            draft.Handoff, draft.HandoffReason, Citations(draft), draft.PromptName, draft.PromptVersion, draft.Model, draft.CreatedAt);

    public static TicketDraftResponse ForTicket(Guid ticketId, string externalId, Draft draft, bool created) =>
        new(ticketId, externalId, draft.Id, draft.TraceId, draft.Text, draft.Category, draft.CategoryConfidence, draft.CategorySource,
            draft.Handoff, draft.HandoffReason, Citations(draft), draft.PromptName, draft.PromptVersion, draft.Model, created);

    private static List<Citation> Citations(Draft draft) =>
        JsonSerializer.Deserialize<List<Citation>>(draft.Citations, Json) ?? [];
}
