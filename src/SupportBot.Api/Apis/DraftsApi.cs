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
        api.MapGet("/drafts", ListDrafts).WithTags("Drafts")
            .WithSummary("Drafts, newest first, by ticket external id, category and status (awaiting-send, sent), with paging");
        api.MapGet("/drafts/{id:guid}", GetDraft).WithTags("Drafts")
            .WithSummary("A draft with its category, citations, prompt version, ticket external id and outcome (sent reply, edit measures, thumbs)");
        api.MapGet("/traces/{id}", GetTrace).WithTags("Traces").WithSummary("A trace with its observations (classification, retrieval, generation) and its scores");
        return app;
    }

    private static async Task<Results<Ok<DraftView>, NotFound<ProblemDetails>>> GetDraft(Guid id, SupportBotDbContext db, CancellationToken cancellationToken)
    {
        var found = await (
            from draft in db.Drafts.AsNoTracking()
            where draft.Id == id
            join ticket in db.Tickets on draft.TicketId equals ticket.Id
            select new { Draft = draft, ticket.ExternalId, Outcome = db.DraftOutcomes.FirstOrDefault(o => o.DraftId == draft.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? TypedResults.NotFound(NotFound("Draft not found", $"No draft with id {id}."))
            : TypedResults.Ok(DraftResponses.View(found.Draft, found.ExternalId, found.Outcome));
    }

    private static async Task<Results<Ok<Page<DraftSummary>>, ValidationProblem>> ListDrafts(
        SupportBotDbContext db, string? externalId, string? category, string? status, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(limit, offset);
        if (status is not null && !DraftStatuses.All.Contains(status))
        {
            errors["status"] = [$"Use {string.Join(" or ", DraftStatuses.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query =
            from draft in db.Drafts.AsNoTracking()
            join ticket in db.Tickets on draft.TicketId equals ticket.Id
            join o in db.DraftOutcomes on draft.Id equals o.DraftId into outcomes
            from outcome in outcomes.DefaultIfEmpty()
            select new { draft, ticket.ExternalId, SentAt = outcome == null ? null : outcome.SentAt, EditType = outcome == null ? null : outcome.EditType };
        if (!string.IsNullOrWhiteSpace(externalId))
        {
            query = query.Where(d => d.ExternalId == externalId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            query = query.Where(d => d.draft.Category == category);
        }

        query = status switch
        {
            DraftStatuses.AwaitingSend => query.Where(d => d.SentAt == null),
            DraftStatuses.Sent => query.Where(d => d.SentAt != null),
            _ => query,
        };
        var (take, skip) = Paging.Resolve(limit, offset);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(d => d.draft.CreatedAt).ThenBy(d => d.draft.Id).Skip(skip).Take(take)
            .Select(d => new DraftSummary(d.draft.Id, d.draft.TicketId, d.ExternalId, d.draft.TraceId, d.draft.Category, d.draft.Handoff, d.draft.CreatedAt, d.SentAt, d.EditType))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<DraftSummary>(items, total, take, skip));
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
        var scores = await db.Scores.AsNoTracking()
            .Where(s => s.TraceId == id)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Name)
            .Select(s => new ScoreView(s.Name, s.DataType, s.NumericValue, s.StringValue, s.Comment, s.Source, s.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TraceView(trace.Id, trace.Name, trace.TicketId, trace.DraftId, trace.StartedAt, trace.DurationMs,
            Parse(trace.Metadata),
            [.. observations.Select(o => new ObservationView(o.SpanId, o.Type, o.Name, o.StartedAt, o.DurationMs, Parse(o.Input), Parse(o.Output), Parse(o.Metadata)))],
            scores));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static ProblemDetails NotFound(string title, string detail) =>
        new() { Title = title, Detail = detail, Status = StatusCodes.Status404NotFound };
}
