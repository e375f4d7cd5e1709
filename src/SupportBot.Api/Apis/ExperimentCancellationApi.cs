using System.Security.Claims;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Api.Apis;

/// <summary>
/// Stops a run that is queued or running (a wrong dataset, a run that takes too long). The worker
/// holding it sees its lease gone at the next renewal (within a third of the lease) and stops; the
/// items already done stay in the report.
/// </summary>
public static class ExperimentCancellationApi
{
    public static RouteHandlerBuilder MapExperimentCancellationEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/experiments/{id:guid}/cancel", Cancel).WithTags("Experiments")
            .RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Cancels a queued or running run (409 when it has already finished)");

    private static async Task<Results<Ok<ExperimentRunView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Cancel(
        Guid id, CancelExperimentRequest? request, ClaimsPrincipal user, ExperimentLeases leases, ExperimentReports reports, CancellationToken cancellationToken)
    {
        if (request?.Reason is { Length: > ExperimentLeases.MaxCancelReasonLength })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"At most {ExperimentLeases.MaxCancelReasonLength} characters."] });
        }

        if (await reports.RunAsync(id, cancellationToken) is not { } run)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "Experiment run not found", Detail = $"There is no experiment run {id}.", Status = 404 });
        }

        if (!await leases.CancelAsync(id, user.Identity?.Name ?? "a manager", request?.Reason, cancellationToken))
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Experiment run already finished",
                Detail = $"Run {id} is {run.Status}; only queued or running runs can be cancelled.",
                Status = 409,
            });
        }

        return TypedResults.Ok((await reports.RunAsync(id, cancellationToken))!);
    }
}
