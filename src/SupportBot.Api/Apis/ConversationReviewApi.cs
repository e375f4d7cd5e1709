using System.Security.Claims;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Conversations.Review;
using SupportBot.Data;
using SupportBot.Data.FailureModes;

namespace SupportBot.Api.Apis;

/// <summary>
/// The review queue's phase-3 half: conversations with a failed implicit signal wait here with their transcript until a
/// reviewer turns one into a multi-turn dataset item (earlier turns as context, the reviewer's reply as expected
/// output) or dismisses it. The drafts' half is <see cref="ReviewQueueApi"/>.
/// </summary>
public static class ConversationReviewApi
{
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapConversationReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/review-queue/conversations").WithTags("Review queue").RequireAuthorization(AuthorizationPolicies.Manager);
        api.MapGet("/", GetQueue).WithSummary("Unreviewed conversations with a failed signal (asked for a person, re-asked, reopened, abandoned, not resolved, monitor flag), with transcripts, newest first");
        api.MapPost("/{id:guid}/add-to-dataset", AddToDataset).WithSummary("Adds a bot answer's turn as a multi-turn dataset item (earlier turns as context, the reviewer's reply as expected output) and marks the conversation reviewed");
        api.MapPost("/{id:guid}/dismiss", Dismiss).WithSummary("Marks the conversation reviewed without adding it anywhere");
        return app;
    }

    private static async Task<Results<Ok<ConversationReviewPage>, ValidationProblem>> GetQueue(
        ConversationReviewList queue, CancellationToken cancellationToken,
        string? category = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.ValidatePage(errors, page, pageSize, MaxPageSize);

        if (from > to)
        {
            errors["from"] = ["'from' must not be after 'to'."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await queue.PageAsync(category, from, to, page, pageSize, cancellationToken));
    }

    private static async Task<Results<Ok<ConversationReviewDecision>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddToDataset(
        Guid id, AddConversationToDatasetRequest request, ConversationReviews reviews, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if ((request.DatasetId is null) == string.IsNullOrWhiteSpace(request.DatasetName))
        {
            errors["datasetId"] = ["Give either datasetId or datasetName."];
        }

        if (string.IsNullOrWhiteSpace(request.ExpectedOutput))
        {
            errors["expectedOutput"] = ["Write the reply the customer should have got: it is the item's expected output."];
        }
        else if (request.ExpectedOutput.Length > TextLimits.SentReply)
        {
            errors["expectedOutput"] = [$"The expected output may be at most {TextLimits.SentReply} characters."];
        }

        if (request.AnswerSequence is < 1)
        {
            errors["answerSequence"] = ["Message sequence numbers start at 1."];
        }

        ValidateNote(errors, request.Note, required: false);
        var failureMode = ValidateFailureMode(errors, request.FailureMode);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var result = await reviews.AddToDatasetAsync(id, request.DatasetId, request.DatasetName, request.ExpectedOutput!.Trim(), request.AnswerSequence,
            request.ExpectedHandoff, note, failureMode, Reviewer(user), cancellationToken);
        return result.Problem switch
        {
            ConversationReviewProblem.None => TypedResults.Ok(result.Decision!),
            ConversationReviewProblem.NoSuchAnswer => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answerSequence"] = [result.Detail!] }),
            ConversationReviewProblem.AlreadyReviewed => TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "Already reviewed", result.Detail!)),
            ConversationReviewProblem.DatasetNotFound => TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Dataset not found", result.Detail!)),
            _ => TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Conversation not found", result.Detail!)),
        };
    }

    private static async Task<Results<Ok<ConversationReviewDecision>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Dismiss(
        Guid id, DismissRequest request, ConversationReviews reviews, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateNote(errors, request.Note, required: true);
        var failureMode = ValidateFailureMode(errors, request.FailureMode);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await reviews.DismissAsync(id, request.Note!.Trim(), failureMode, Reviewer(user), cancellationToken);
        return result.Problem switch
        {
            ConversationReviewProblem.None => TypedResults.Ok(result.Decision!),
            ConversationReviewProblem.AlreadyReviewed => TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "Already reviewed", result.Detail!)),
            _ => TypedResults.NotFound(Problem(StatusCodes.Status404NotFound, "Conversation not found", result.Detail!)),
        };
    }

    private static string Reviewer(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static void ValidateNote(Dictionary<string, string[]> errors, string? note, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(note))
        {
            errors["note"] = ["Say why the conversation is dismissed."];
        }
        else if (note is { Length: > TextLimits.Comment })
        {
            errors["note"] = [$"The note may be at most {TextLimits.Comment} characters."];
        }
    }

    private static string? ValidateFailureMode(Dictionary<string, string[]> errors, string? failureMode)
    {
        var slug = FailureModeNames.Normalize(failureMode);
        if (failureMode is not null && slug is null)
        {
            errors["failureMode"] = [$"A {FailureModeNames.Rule}."];
        }

        return slug;
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
