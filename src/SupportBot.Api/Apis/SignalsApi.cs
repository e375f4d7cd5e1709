using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Signals;

namespace SupportBot.Api.Apis;

/// <summary>
/// Phase-2 signals from the support team: the reply they actually sent and their thumbs. The API
/// only validates and queues (Redis stream); the worker scores them (docs/signals.md).
/// </summary>
public static partial class SignalsApi
{
    /// <summary>A sent time this far ahead of the server's clock is a client clock error, not a real time.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapSignalEndpoints(this IEndpointRouteBuilder app)
    {
        var drafts = app.MapGroup("/api/drafts").WithTags("Signals");
        drafts.MapPost("/{id:guid}/sent", PostSent)
            .RequireAuthorization(AuthorizationPolicies.SentReplies)
            .WithSummary("Records the reply the team sent for a draft (once per draft; a second one is 409). Scored asynchronously: 202.");
        drafts.MapPost("/{id:guid}/feedback", PostFeedback)
            .RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("Thumbs up or down on a draft, with an optional comment. Scored asynchronously: 202.");

        var signals = app.MapGroup("/api/signals").WithTags("Signals").RequireAuthorization(AuthorizationPolicies.Manager);
        signals.MapGet("/dead-letters", GetDeadLetters)
            .WithSummary("Signal events the worker gave up on after its retries, newest first, with their last error");
        signals.MapPost("/dead-letters/{id}/replay", ReplayDeadLetter)
            .WithSummary("Queues a dead-lettered event again (after its cause was fixed) and removes it from the dead letters: 202. A sent whose draft was sent since is 409.");
        return app;
    }

    private static async Task<Results<Accepted<SignalAccepted>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> PostSent(
        Guid id, SentReplyRequest request, SupportBotDbContext db, SignalPublisher publisher, Conversations.Chat.TeamReplies teamReplies, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors["text"] = ["The sent reply text is required."];
        }
        else if (request.Text.Length > TextLimits.SentReply)
        {
            errors["text"] = [$"The sent reply may be at most {TextLimits.SentReply} characters (got {request.Text.Length})."];
        }

        ValidateAgent(errors, request.AgentId);
        if (request.SentAt > now + MaxClockSkew)
        {
            errors["sentAt"] = [$"The sent time lies in the future (more than {MaxClockSkew.TotalMinutes:0} minutes after the server's clock)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var draft = await db.Drafts.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => new { d.CreatedAt, AlreadySent = db.DraftOutcomes.Any(o => o.DraftId == d.Id && o.SentAt != null) })
            .SingleOrDefaultAsync(cancellationToken);
        if (draft is null)
        {
            return TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Draft not found", $"No draft with id {id}."));
        }

        // A reply cannot be sent before its draft existed (the skew allows for the ticketing system's clock).
        if (request.SentAt < draft.CreatedAt - MaxClockSkew)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["sentAt"] = [$"The sent time lies before the draft was created ({draft.CreatedAt:O})."],
            });
        }

        var signal = new SignalEvent(SignalEvent.NewId(), SignalTypes.Sent, id, now,
            Text: request.Text, AgentId: AgentOf(request.AgentId, user), SentAt: request.SentAt ?? now);
        // The database knows sends the worker has written; the Redis marker (SET NX) the ones still queued.
        if (draft.AlreadySent || !await publisher.TryPublishSentAsync(signal))
        {
            return TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "Draft already sent",
                $"A sent reply for draft {id} was already recorded; a draft is sent once."));
        }

        // Phase 3: a sent draft of a handed-off conversation's ticket reaches the customer as the team's message.
        await teamReplies.DeliverSentDraftAsync(id, request.Text!, signal.AgentId, cancellationToken);
        return TypedResults.Accepted($"/api/drafts/{id}", new SignalAccepted(signal.Id, id, signal.Type));
    }

    private static async Task<Results<Accepted<SignalAccepted>, ValidationProblem, NotFound<ProblemDetails>>> PostFeedback(
        Guid id, DraftFeedbackRequest request, SupportBotDbContext db, SignalPublisher publisher, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var thumb = request.Thumb?.Trim().ToLowerInvariant();
        if (thumb is not (Thumbs.Up or Thumbs.Down))
        {
            errors["thumb"] = [$"Use '{Thumbs.Up}' or '{Thumbs.Down}'."];
        }

        if (request.Comment is { Length: > TextLimits.Comment })
        {
            errors["comment"] = [$"The comment may be at most {TextLimits.Comment} characters (got {request.Comment.Length})."];
        }

        ValidateAgent(errors, request.AgentId);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await db.Drafts.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Draft not found", $"No draft with id {id}."));
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var signal = new SignalEvent(SignalEvent.NewId(), SignalTypes.Feedback, id, clock.GetUtcNow(),
            AgentId: AgentOf(request.AgentId, user), Thumb: thumb, Comment: comment);
        await publisher.PublishAsync(signal);
        return TypedResults.Accepted($"/api/drafts/{id}", new SignalAccepted(signal.Id, id, signal.Type));
    }

    private static async Task<Results<Ok<IReadOnlyList<DeadLetterView>>, ValidationProblem>> GetDeadLetters(DeadLetters deadLetters, int? limit)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Use 1 to 1000."] });
        }

        return TypedResults.Ok(await deadLetters.ListAsync(limit ?? 100));
    }

    private static async Task<Results<Accepted<DeadLetterView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ReplayDeadLetter(
        string id, DeadLetters deadLetters, SupportBotDbContext db, CancellationToken cancellationToken)
    {
        if (!StreamId().IsMatch(id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A dead-letter id looks like 1733000000000-0 (see GET /api/signals/dead-letters)."] });
        }

        var deadLetter = await deadLetters.GetAsync(id);
        if (deadLetter is null)
        {
            return TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Dead letter not found", $"No dead-lettered signal with id {id} (replayed already?)."));
        }

        SignalEvent signal;
        try
        {
            signal = SignalEvent.Parse(deadLetter.Payload);
        }
        catch (MalformedSignalException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"This dead letter cannot be replayed: {ex.Message}"] });
        }

        if (signal.UnstorableText() is { } unstorable)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"This dead letter cannot be replayed: {unstorable}"] });
        }

        var alreadySent = signal.Type == SignalTypes.Sent
            && await db.DraftOutcomes.AnyAsync(o => o.DraftId == signal.DraftId && o.SentAt != null, cancellationToken);
        var outcome = alreadySent ? ReplayOutcome.AlreadySent : await deadLetters.ReplayAsync(id, signal);
        return outcome switch
        {
            ReplayOutcome.Replayed => TypedResults.Accepted($"/api/drafts/{signal.DraftId}", deadLetter),
            ReplayOutcome.NotFound => TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Dead letter not found", $"No dead-lettered signal with id {id} (replayed already?).")),
            _ => TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "Draft already sent",
                $"A sent reply for draft {signal.DraftId} was recorded since this one died; a draft is sent once.")),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    private static partial System.Text.RegularExpressions.Regex StreamId();

    private static void ValidateAgent(Dictionary<string, string[]> errors, string? agentId)
    {
        if (agentId is { Length: > TextLimits.AgentId })
        {
            errors["agentId"] = [$"The agent id may be at most {TextLimits.AgentId} characters."];
        }
    }

    /// <summary>The agent named in the request, else the API key's name.</summary>
    private static string? AgentOf(string? agentId, ClaimsPrincipal user) =>
        string.IsNullOrWhiteSpace(agentId) ? user.Identity?.Name : agentId.Trim();

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
