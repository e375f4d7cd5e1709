using System.Security.Claims;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data.FailureModes;
using SupportBot.Monitors.FollowUps;

namespace SupportBot.Api.Apis;

/// <summary>
/// The follow-up queue the monitors fill: one entry per flagged conversation, highest severity first, then oldest.
/// An agent takes an entry, contacts the customer, and resolves it with an outcome; false positives feed each monitor's
/// measured precision.
/// </summary>
public static class FollowUpsApi
{
    public static IEndpointRouteBuilder MapFollowUpEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/follow-ups").WithTags("Follow-ups").RequireAuthorization(AuthorizationPolicies.Agent);
        api.MapGet("/", List).WithSummary("Unresolved entries (or ?status=open|taken|resolved), severity then age, with their flags");
        api.MapPost("/{id:guid}/take", Take).WithSummary("Takes an open entry (409 if someone else has it or it is resolved)");
        api.MapPost("/{id:guid}/resolve", Resolve).WithSummary("Resolves an entry with an outcome: customer_contacted, false_positive, policy_changed, added_to_dataset");
        return app;
    }

    private static async Task<Results<Ok<FollowUpPage>, ValidationProblem>> List(
        FollowUpStore store, CancellationToken cancellationToken, string? status = null, string? category = null, int limit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not (null or FollowUpStatuses.Open or FollowUpStatuses.Taken or FollowUpStatuses.Resolved))
        {
            errors["status"] = ["Use open, taken or resolved (or leave it out for every unresolved entry)."];
        }

        if (limit is < 1 or > 500)
        {
            errors["limit"] = ["Use 1 to 500."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await store.ListAsync(status, category, limit, cancellationToken));
    }

    private static async Task<Results<Ok<FollowUpView>, NotFound, Conflict<FollowUpView>>> Take(
        Guid id, FollowUpStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (change, view) = await store.TakeAsync(id, user.Identity?.Name ?? "unknown", cancellationToken);
        return change switch
        {
            FollowUpChange.NotFound => TypedResults.NotFound(),
            FollowUpChange.Conflict => TypedResults.Conflict(view!),
            _ => TypedResults.Ok(view!),
        };
    }

    private static async Task<Results<Ok<FollowUpView>, NotFound, Conflict<FollowUpView>, ValidationProblem>> Resolve(
        Guid id, ResolveFollowUpRequest request, FollowUpStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Outcome is null || !FollowUpOutcomes.All.Contains(request.Outcome))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = [$"Use one of {string.Join(", ", FollowUpOutcomes.All)}."] });
        }

        if (request.Note is { Length: > 2000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["At most 2000 characters."] });
        }

        string? failureMode = null;
        if (request.FailureMode is not null)
        {
            failureMode = FailureModeNames.Normalize(request.FailureMode);
            if (failureMode is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["failureMode"] = [$"Use a {FailureModeNames.Rule}."] });
            }

            if (request.Outcome == FollowUpOutcomes.FalsePositive)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["failureMode"] = ["A false positive is the monitor's mistake: leave the failure mode out."] });
            }
        }

        var (change, view) = await store.ResolveAsync(id, user.Identity?.Name ?? "unknown", request.Outcome, request.Note, failureMode, cancellationToken);
        return change switch
        {
            FollowUpChange.NotFound => TypedResults.NotFound(),
            FollowUpChange.Conflict => TypedResults.Conflict(view!),
            _ => TypedResults.Ok(view!),
        };
    }
}
