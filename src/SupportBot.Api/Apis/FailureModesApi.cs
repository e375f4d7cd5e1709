using System.Security.Claims;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.FailureModes;

namespace SupportBot.Api.Apis;

/// <summary>
/// Error analysis: the failure modes reviewers pick or create when they look at a bad trace, counted per category and
/// per day with links to their traces, so the counts say what to fix first.
/// </summary>
public static class FailureModesApi
{
    private const int DefaultDays = 30;
    private const int MaxTraces = 100;

    public static RouteGroupBuilder MapFailureModeEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/failure-modes").WithTags("Error analysis").RequireAuthorization(AuthorizationPolicies.Agent);
        api.MapGet("/", Count)
            .WithSummary("Every failure mode with its count per category and per day in the window (default the last 30 days), most frequent first, with its latest traces");
        api.MapPost("/", Create).WithSummary("Adds a failure mode (the name becomes a slug) or updates its description");
        return api;
    }

    private static async Task<Results<Ok<FailureModeReport>, ValidationProblem>> Count(
        FailureModeStore store, TimeProvider clock, CancellationToken cancellationToken,
        string? category = null, DateTimeOffset? since = null, DateTimeOffset? until = null, int? traces = null)
    {
        var end = until ?? clock.GetUtcNow();
        var start = since ?? end.AddDays(-DefaultDays);
        var errors = new Dictionary<string, string[]>();
        if (start >= end)
        {
            errors["since"] = ["since must be before until."];
        }

        if (traces is < 0 or > MaxTraces)
        {
            errors["traces"] = [$"Between 0 and {MaxTraces}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await store.CountAsync(string.IsNullOrWhiteSpace(category) ? null : category, start, end, traces ?? 10, cancellationToken));
    }

    private static async Task<Results<Ok<FailureModeView>, ValidationProblem>> Create(
        CreateFailureModeRequest request, FailureModeStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = FailureModeNames.Normalize(request.Name);
        var errors = new Dictionary<string, string[]>();
        if (name is null)
        {
            errors["name"] = [$"A {FailureModeNames.Rule}."];
        }

        if (request.Description is { Length: > TextLimits.Comment })
        {
            errors["description"] = [$"At most {TextLimits.Comment} characters."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await store.UpsertAsync(name!, request.Description, user.FindFirstValue(ClaimTypes.Name) ?? "unknown", cancellationToken));
    }
}
