using Microsoft.EntityFrameworkCore;
using Npgsql;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Data.Import;
using SupportBot.Drafting.Pipeline;

namespace SupportBot.Api.Apis;

/// <summary>Incoming tickets from the ticketing system: stored and drafted in one step, idempotent on the external id.</summary>
public static class TicketsApi
{
    public static RouteGroupBuilder MapTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tickets").WithTags("Tickets");
        api.MapPost("/", CreateTicket)
            .RequireAuthorization(AuthorizationPolicies.Integration)
            .WithSummary("Stores an incoming ticket and drafts a reply; posting the same external id again returns the existing draft");
        api.MapGet("/", ListTickets)
            .RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("Tickets, newest first, by external id, category, source (live, historical) and draft status (awaiting-send, sent), with paging");
        api.MapGet("/{id:guid}", GetTicket)
            .RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("One ticket with its subject, body and customer, its latest draft's id and when that draft's reply was sent");
        return api;
    }

    private static async Task<Results<Ok<Page<TicketSummary>>, ValidationProblem>> ListTickets(
        SupportBotDbContext db, string? externalId, string? category, string? source, string? status, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(limit, offset);
        if (source is not null && source is not (TicketSources.Live or TicketSources.Historical))
        {
            errors["source"] = [$"Use {TicketSources.Live} or {TicketSources.Historical}."];
        }

        if (status is not null && !DraftStatuses.All.Contains(status))
        {
            errors["status"] = [$"Use {string.Join(" or ", DraftStatuses.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The latest draft of each ticket and whether its reply was sent.
        var query =
            from ticket in db.Tickets.AsNoTracking()
            let latest = db.Drafts.Where(d => d.TicketId == ticket.Id).OrderByDescending(d => d.CreatedAt).FirstOrDefault()
            select new
            {
                ticket,
                LatestDraftId = latest == null ? (Guid?)null : latest.Id,
                SentAt = latest == null ? null : db.DraftOutcomes.Where(o => o.DraftId == latest.Id).Select(o => o.SentAt).FirstOrDefault(),
            };
        if (!string.IsNullOrWhiteSpace(externalId))
        {
            query = query.Where(t => t.ticket.ExternalId == externalId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            query = query.Where(t => t.ticket.Category == category);
        }

        if (source is not null)
        {
            query = query.Where(t => t.ticket.Source == source);
        }

        query = status switch
        {
            DraftStatuses.AwaitingSend => query.Where(t => t.LatestDraftId != null && t.SentAt == null),
            DraftStatuses.Sent => query.Where(t => t.SentAt != null),
            _ => query,
        };
        var (take, skip) = Paging.Resolve(limit, offset);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(t => t.ticket.CreatedAt).ThenBy(t => t.ticket.Id).Skip(skip).Take(take)
            .Select(t => new TicketSummary(t.ticket.Id, t.ticket.ExternalId, t.ticket.Source, t.ticket.Category, t.ticket.Subject, t.ticket.Language,
                t.ticket.CreatedAt, t.LatestDraftId, t.SentAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<TicketSummary>(items, total, take, skip));
    }

    private static async Task<Results<Ok<TicketView>, NotFound<ProblemDetails>>> GetTicket(Guid id, SupportBotDbContext db, CancellationToken cancellationToken)
    {
        var found = await (
            from ticket in db.Tickets.AsNoTracking()
            where ticket.Id == id
            let latest = db.Drafts.Where(d => d.TicketId == ticket.Id).OrderByDescending(d => d.CreatedAt).FirstOrDefault()
            select new
            {
                ticket,
                LatestDraftId = latest == null ? (Guid?)null : latest.Id,
                SentAt = latest == null ? null : db.DraftOutcomes.Where(o => o.DraftId == latest.Id).Select(o => o.SentAt).FirstOrDefault(),
            }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "Ticket not found", Detail = $"No ticket with id {id}.", Status = StatusCodes.Status404NotFound });
        }

        var t = found.ticket;
        return TypedResults.Ok(new TicketView(t.Id, t.ExternalId, t.Source, t.Category, t.Subject, t.Body, t.Language, t.CustomerName, t.Priority, t.Tags,
            t.CreatedAt, found.LatestDraftId, found.SentAt));
    }

    private static async Task<Results<Created<TicketDraftResponse>, Ok<TicketDraftResponse>, ValidationProblem>> CreateTicket(
        CreateTicketRequest request, SupportBotDbContext db, DraftingPipeline pipeline, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = TicketValidation.Validate(request);
        if (request.Category is { Length: > 0 } category && !errors.ContainsKey("category")
            && !await db.Categories.AnyAsync(c => c.Name == category, cancellationToken))
        {
            var known = await db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancellationToken);
            errors["category"] = [$"Unknown category '{category}'. Known: {(known.Count == 0 ? "(none yet: import tickets first)" : string.Join(", ", known))}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var externalId = string.IsNullOrWhiteSpace(request.ExternalId)
            ? TicketHashes.ExternalIdFor(request.Subject?.Trim() ?? "", request.Body!)
            : request.ExternalId.Trim();
        if (await ExistingAsync(db, externalId, cancellationToken) is { } existing)
        {
            return TypedResults.Ok(existing);
        }

        var now = clock.GetUtcNow();
        var (subject, body, customerName, createdAt, tags) = (request.Subject?.Trim() ?? "", request.Body!.Trim(), request.CustomerName?.Trim(), request.CreatedAt ?? now, request.Tags ?? []);
        var language = LanguageCodes.TryNormalize(request.Language, out var normalized) ? normalized : LanguageCodes.Default;
        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(),
            ExternalId = externalId,
            Source = TicketSources.Live,
            Category = request.Category,
            Subject = subject,
            Body = body,
            Language = language,
            CustomerName = customerName,
            CreatedAt = createdAt,
            Tags = tags,
            Priority = request.Priority,
            ContentHash = TicketHashes.ContentHash(subject, body, null, request.Category, language, tags, request.Priority, createdAt, null, escalated: false, customerName),
            UpdatedAt = now,
        };

        // Not saved yet: the pipeline's single SaveChanges writes ticket, trace and draft together, so a
        // failure anywhere leaves nothing behind.
        db.Tickets.Add(ticket);
        try
        {
            var draft = await pipeline.DraftAsync(
                new DraftInput(ticket.Subject, ticket.Body, ticket.Language, ticket.Category, ticket.CustomerName) { TicketId = ticket.Id },
                new DraftOptions(),
                cancellationToken);
            var stored = db.Drafts.Local.Single(d => d.Id == draft.DraftId);
            return TypedResults.Created($"/api/drafts/{draft.DraftId}", DraftResponses.ForTicket(ticket.Id, ticket.ExternalId, stored, created: true));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same ticket arrived twice at once; the other request stored it first.
            db.ChangeTracker.Clear();
            return TypedResults.Ok((await ExistingAsync(db, externalId, cancellationToken))!);
        }
    }

    private static async Task<TicketDraftResponse?> ExistingAsync(SupportBotDbContext db, string externalId, CancellationToken cancellationToken)
    {
        var found = await (
            from ticket in db.Tickets.AsNoTracking()
            where ticket.ExternalId == externalId
            join draft in db.Drafts.AsNoTracking() on ticket.Id equals draft.TicketId
            orderby draft.CreatedAt descending
            select new { ticket.Id, ticket.ExternalId, Draft = draft }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : DraftResponses.ForTicket(found.Id, found.ExternalId, found.Draft, created: false);
    }
}
