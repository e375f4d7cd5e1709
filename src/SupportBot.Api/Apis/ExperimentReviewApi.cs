using System.Security.Claims;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.FailureModes;
using SupportBot.Evaluation.Reviews;

namespace SupportBot.Api.Apis;

/// <summary>
/// Manual review of an experiment run: a seeded sample per category, a verdict per item (acceptable or not, a note,
/// optionally a failure mode), and a summary. The phase-1 gate reads it. Reviewers are the support team (agent role).
/// </summary>
public static class ExperimentReviewApi
{
    public static RouteGroupBuilder MapExperimentReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/experiments/{id:guid}").WithTags("Experiments").RequireAuthorization(AuthorizationPolicies.Agent);
        api.MapPost("/review-sample", Draw)
            .WithSummary("Draws the run's manual-review sample: perCategory items of each category (default 10), seeded; the same seed returns the same sample");
        api.MapGet("/review-sample", List).WithSummary("The review sample with each item's ticket, reference reply, output and verdict");
        api.MapPut("/review-sample/{itemId:guid}", Mark)
            .WithSummary("Records a verdict on a sampled item: acceptable or not, a note (tone, wording, facts), optionally a failure mode");
        api.MapGet("/review-summary", Summary).WithSummary("Per category: sampled, reviewed, acceptable share and the failure modes named");
        return api;
    }

    private static async Task<Results<Ok<ReviewSample>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Draw(
        Guid id, ReviewSampleRequest? request, ExperimentReviews reviews, CancellationToken cancellationToken)
    {
        var perCategory = request?.PerCategory ?? ExperimentReviews.DefaultPerCategory;
        if (perCategory is < 1 or > ExperimentReviews.MaxPerCategory)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["perCategory"] = [$"Between 1 and {ExperimentReviews.MaxPerCategory}."],
            });
        }

        try
        {
            return await reviews.DrawAsync(id, perCategory, request?.Seed ?? 0, cancellationToken) is { } sample
                ? TypedResults.Ok(sample)
                : TypedResults.NotFound(UnknownRun(id));
        }
        catch (ReviewSampleException ex)
        {
            return TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = ex.Title, Detail = ex.Message });
        }
    }

    private static async Task<Results<Ok<ReviewSample>, NotFound<ProblemDetails>>> List(Guid id, ExperimentReviews reviews, CancellationToken cancellationToken) =>
        await reviews.ListAsync(id, cancellationToken) is { } sample ? TypedResults.Ok(sample) : TypedResults.NotFound(NoSample(id));

    private static async Task<Results<Ok<ReviewSampleItem>, ValidationProblem, NotFound<ProblemDetails>>> Mark(
        Guid id, Guid itemId, ReviewVerdictRequest request, ExperimentReviews reviews, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Acceptable is null)
        {
            errors["acceptable"] = ["Say whether the output is acceptable (true or false)."];
        }

        if (request.Acceptable == false && string.IsNullOrWhiteSpace(request.Note) && string.IsNullOrWhiteSpace(request.FailureMode))
        {
            errors["note"] = ["Say what is wrong (a note, a failure mode, or both): that is what error analysis counts."];
        }
        else if (request.Note is { Length: > TextLimits.Comment })
        {
            errors["note"] = [$"At most {TextLimits.Comment} characters."];
        }

        var failureMode = FailureModeNames.Normalize(request.FailureMode);
        if (request.FailureMode is not null && failureMode is null)
        {
            errors["failureMode"] = [$"A {FailureModeNames.Rule}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var reviewer = user.FindFirstValue(ClaimTypes.Name) ?? "unknown";
        return await reviews.MarkAsync(id, itemId, request.Acceptable!.Value, note, failureMode, reviewer, cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : TypedResults.NotFound(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not in the review sample",
                Detail = $"Item {itemId} is not in the review sample of run {id}; draw the sample first (POST /api/experiments/{id}/review-sample).",
            });
    }

    private static async Task<Results<Ok<ReviewSummary>, NotFound<ProblemDetails>>> Summary(Guid id, ExperimentReviews reviews, CancellationToken cancellationToken) =>
        await reviews.SummaryAsync(id, cancellationToken) is { } summary ? TypedResults.Ok(summary) : TypedResults.NotFound(NoSample(id));

    private static ProblemDetails UnknownRun(Guid id) =>
        new() { Status = StatusCodes.Status404NotFound, Title = "Experiment run not found", Detail = $"No experiment run {id}." };

    private static ProblemDetails NoSample(Guid id) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "No review sample",
        Detail = $"Run {id} does not exist or has no review sample yet; draw one with POST /api/experiments/{id}/review-sample.",
    };
}
