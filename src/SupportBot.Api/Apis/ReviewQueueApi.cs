using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Data.FailureModes;
using SupportBot.Signals;

namespace SupportBot.Api.Apis;

/// <summary>
/// The review loop: drafts the team had to fix (or thumbed down) wait here until a reviewer turns
/// them into dataset items (the sent reply as expected output) or dismisses them.
/// </summary>
public static class ReviewQueueApi
{
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapReviewQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/review-queue").WithTags("Review queue").RequireAuthorization(AuthorizationPolicies.Manager);
        api.MapGet("/", GetQueue).WithSummary("Unreviewed drafts with bad signals (large edit, corrected, thumbs down), newest first");
        api.MapPost("/{traceId}/add-to-dataset", AddToDataset).WithSummary("Adds the ticket with the sent reply as expected output to a dataset (a new version) and marks it reviewed");
        api.MapPost("/{traceId}/dismiss", Dismiss).WithSummary("Marks the item reviewed without adding it anywhere");
        return app;
    }

    private static async Task<Results<Ok<ReviewQueuePage>, ValidationProblem>> GetQueue(
        SupportBotDbContext db, IOptions<ReviewQueueOptions> options, CancellationToken cancellationToken,
        string? category = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.ValidatePage(errors, page, pageSize, MaxPageSize);

        if (from > to)
        {
            errors["from"] = ["'from' must not be after 'to'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var threshold = options.Value.EditDistanceThreshold;
        var pending = ReviewQueueQuery.Pending(db.DraftOutcomes.AsNoTracking(), options.Value);
        if (!string.IsNullOrWhiteSpace(category))
        {
            pending = pending.Where(o => o.Category == category);
        }

        if (from is { } start)
        {
            pending = pending.Where(o => o.UpdatedAt >= start);
        }

        if (to is { } end)
        {
            pending = pending.Where(o => o.UpdatedAt < end);
        }

        var total = await pending.CountAsync(cancellationToken);
        var rows = await (
            from outcome in pending
            join draft in db.Drafts on outcome.DraftId equals draft.Id
            orderby outcome.UpdatedAt descending, outcome.DraftId descending
            select new { outcome, DraftText = draft.Text })
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);

        var traceIds = rows.Select(r => r.outcome.TraceId).ToList();
        var scores = (await db.Scores.AsNoTracking()
            .Where(s => traceIds.Contains(s.TraceId))
            .OrderBy(s => s.CreatedAt)
            .ToListAsync(cancellationToken))
            .ToLookup(s => s.TraceId);

        var items = rows.Select(r => new ReviewQueueItem(
            r.outcome.TraceId, r.outcome.DraftId, r.outcome.Category, r.DraftText, r.outcome.SentText, r.outcome.AgentId, r.outcome.SentAt,
            r.outcome.EditType, r.outcome.WordEditDistance, r.outcome.CharEditDistance, r.outcome.ThumbsUp, r.outcome.ThumbsDown, r.outcome.LastComment,
            Reasons(r.outcome, threshold), r.outcome.UpdatedAt,
            [.. scores[r.outcome.TraceId].Select(s => new ScoreView(s.Name, s.DataType, s.NumericValue, s.StringValue, s.Comment, s.Source, s.CreatedAt))])).ToList();
        return TypedResults.Ok(new ReviewQueuePage(page, pageSize, total, items));
    }

    private static string[] Reasons(DraftOutcome outcome, double threshold) =>
    [
        .. outcome.WordEditDistance > threshold ? [$"edit distance {outcome.WordEditDistance:0.00} > {threshold:0.00}"] : Array.Empty<string>(),
        .. outcome.EditType == EditTypes.Corrected ? ["corrected"] : Array.Empty<string>(),
        .. outcome.ThumbsDown > 0 ? [$"{outcome.ThumbsDown} thumbs down"] : Array.Empty<string>(),
    ];

    private static async Task<Results<Ok<ReviewDecision>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddToDataset(
        string traceId, AddToDatasetRequest request, SupportBotDbContext db, DatasetStore datasets, FailureModeStore failureModes, TimeProvider clock,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if ((request.DatasetId is null) == string.IsNullOrWhiteSpace(request.DatasetName))
        {
            errors["datasetId"] = ["Give either datasetId or datasetName."];
        }

        ValidateNote(errors, request.Note, required: false);
        var failureMode = ValidateFailureMode(errors, request.FailureMode);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await (
            from outcome in db.DraftOutcomes.AsNoTracking()
            where outcome.TraceId == traceId
            join draft in db.Drafts on outcome.DraftId equals draft.Id
            join ticket in db.Tickets on draft.TicketId equals ticket.Id
            select new { outcome, ticket.Subject, ticket.Body, ticket.Language, ticket.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Not in the review queue", $"No draft outcome for trace {traceId}."));
        }

        if (found.outcome.ReviewStatus is not null)
        {
            return TypedResults.Conflict(AlreadyReviewed(found.outcome));
        }

        if (found.outcome.SentText is null)
        {
            return TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "No sent reply",
                $"The draft of trace {traceId} has no sent reply to use as expected output; dismiss it instead."));
        }

        var dataset = await db.Datasets.AsNoTracking()
            .Where(d => d.ArchivedAt == null && (request.DatasetId != null ? d.Id == request.DatasetId : d.Name == request.DatasetName!.Trim()))
            .Select(d => (Guid?)d.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (dataset is not { } datasetId)
        {
            return TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Dataset not found",
                $"No active dataset {(request.DatasetId?.ToString() ?? $"named '{request.DatasetName}'")}."));
        }

        var reviewer = user.Identity?.Name ?? "unknown";
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var item = new NewDatasetItem(
            found.Subject, found.Body, found.outcome.Category, found.Language, found.outcome.SentText, ExpectedHandoff: false,
            SourceTraceId: traceId,
            Metadata: JsonSerializer.Serialize(new { from = "review-queue", reviewer, note, failureMode, draftId = found.outcome.DraftId, ticketId = found.Id, editType = found.outcome.EditType }));
        DatasetChange change;
        try
        {
            // Its own transaction (DatasetStore); adding the same trace again is skipped, so a retry after a
            // failure below is harmless.
            change = await datasets.AddItemsAsync(datasetId, [item], $"review queue: trace {traceId}", cancellationToken);
        }
        catch (DatasetNotFoundException)
        {
            return TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Dataset not found", $"Dataset {datasetId} is archived."));
        }

        var decision = await DecideAsync(db, traceId, ReviewStatuses.Added, note, reviewer, clock.GetUtcNow(), cancellationToken);
        if (decision is not null && failureMode is not null)
        {
            await failureModes.TagAsync(traceId, failureMode, found.outcome.Category, note, FailureModeSources.ReviewQueue, reviewer, cancellationToken);
        }

        return decision is null
            ? TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "Already reviewed", $"Trace {traceId} was reviewed by someone else meanwhile."))
            : TypedResults.Ok(decision with { DatasetId = change.DatasetId, DatasetVersion = change.Version, AlreadyInDataset = change.Added == 0 });
    }

    private static async Task<Results<Ok<ReviewDecision>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Dismiss(
        string traceId, DismissRequest request, SupportBotDbContext db, FailureModeStore failureModes, TimeProvider clock, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateNote(errors, request.Note, required: true);
        var failureMode = ValidateFailureMode(errors, request.FailureMode);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var reviewer = user.Identity?.Name ?? "unknown";
        var decision = await DecideAsync(db, traceId, ReviewStatuses.Dismissed, request.Note!.Trim(), reviewer, clock.GetUtcNow(), cancellationToken);
        if (decision is not null)
        {
            if (failureMode is not null)
            {
                var category = await db.DraftOutcomes.Where(o => o.TraceId == traceId).Select(o => o.Category).SingleAsync(cancellationToken);
                await failureModes.TagAsync(traceId, failureMode, category, request.Note.Trim(), FailureModeSources.ReviewQueue, reviewer, cancellationToken);
            }

            return TypedResults.Ok(decision);
        }

        var outcome = await db.DraftOutcomes.AsNoTracking().SingleOrDefaultAsync(o => o.TraceId == traceId, cancellationToken);
        return outcome is null
            ? TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Not in the review queue", $"No draft outcome for trace {traceId}."))
            : TypedResults.Conflict(AlreadyReviewed(outcome));
    }

    /// <summary>Marks the outcome reviewed if nobody did yet (one conditional UPDATE: two reviewers cannot both win).</summary>
    private static async Task<ReviewDecision?> DecideAsync(
        SupportBotDbContext db, string traceId, string status, string? note, string reviewer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await db.DraftOutcomes
            .Where(o => o.TraceId == traceId && o.ReviewStatus == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.ReviewStatus, status)
                .SetProperty(o => o.ReviewNote, note)
                .SetProperty(o => o.ReviewedBy, reviewer)
                .SetProperty(o => o.ReviewedAt, now), cancellationToken);
        return updated == 0 ? null : new ReviewDecision(traceId, status, reviewer, now);
    }

    private static void ValidateNote(Dictionary<string, string[]> errors, string? note, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(note))
        {
            errors["note"] = ["Say why the item is dismissed."];
        }
        else if (note is { Length: > TextLimits.Comment })
        {
            errors["note"] = [$"The note may be at most {TextLimits.Comment} characters."];
        }
    }

    /// <summary>The failure mode's slug, or null when none was given; a name that leaves no slug is a field error.</summary>
    private static string? ValidateFailureMode(Dictionary<string, string[]> errors, string? failureMode)
    {
        var slug = FailureModeNames.Normalize(failureMode);
        if (failureMode is not null && slug is null)
        {
            errors["failureMode"] = [$"A {FailureModeNames.Rule}."];
        }

        return slug;
    }

    private static ProblemDetails AlreadyReviewed(DraftOutcome outcome) => Problem(StatusCodes.Status409Conflict, "Already reviewed",
        $"Trace {outcome.TraceId} was {outcome.ReviewStatus} by {outcome.ReviewedBy} at {outcome.ReviewedAt:O}.");

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
