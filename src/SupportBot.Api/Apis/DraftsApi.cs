using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;

namespace SupportBot.Api.Apis;

/// <summary>Drafts and their traces, for the support team and for tools that show what the agent did.</summary>
public static class DraftsApi
{
    public static IEndpointRouteBuilder MapDraftEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AuthorizationPolicies.Agent);
        api.MapGet("/drafts/{id:guid}", GetDraft).WithTags("Drafts").WithSummary("A draft with its category, citations and prompt version");
        api.MapGet("/traces/{id}", GetTrace).WithTags("Traces").WithSummary("A trace with its observations: classification, retrieval, generation");
        return app;
    }

    private static async Task<Results<Ok<DraftView>, NotFound<ProblemDetails>>> GetDraft(Guid id, SupportBotDbContext db, CancellationToken cancellationToken)
    {
        var draft = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return draft is null
            ? TypedResults.NotFound(NotFound("Draft not found", $"No draft with id {id}."))
            : TypedResults.Ok(DraftResponses.View(draft));
    }

    private static async Task<Results<Ok<TraceView>, NotFound<ProblemDetails>>> GetTrace(string id, SupportBotDbContext db, CancellationToken cancellationToken)
    {
        var trace = await db.Traces.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trace is null)
        {
            return TypedResults.NotFound(NotFound("Trace not found", $"No trace with id {id}."));
        }

        var observations = await db.Observations.AsNoTracking()
            .Where(o => o.TraceId == id)
            .OrderBy(o => o.StartedAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TraceView(trace.Id, trace.Name, trace.TicketId, trace.DraftId, trace.StartedAt, trace.DurationMs,
            Parse(trace.Metadata),
            [.. observations.Select(o => new ObservationView(o.SpanId, o.Type, o.Name, o.StartedAt, o.DurationMs, Parse(o.Input), Parse(o.Output), Parse(o.Metadata)))]));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static ProblemDetails NotFound(string title, string detail) =>
        new() { Title = title, Detail = detail, Status = StatusCodes.Status404NotFound };
}
