using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Conversations.Resolution;

namespace SupportBot.Api.Apis;

/// <summary>Resolution rates of the customer-facing conversations per category, over the window (docs/conversations.md).</summary>
public static class ResolutionApi
{
    public static RouteGroupBuilder MapResolutionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/resolution").WithTags("Conversations").RequireAuthorization(AuthorizationPolicies.Agent);
        api.MapGet("/", async (ResolutionQuery query, CancellationToken ct) => TypedResults.Ok(await query.ComputeAsync(null, ct)))
            .WithSummary("Containment, verified resolution, hand-off, re-ask, reopen and abandon rates for every category");
        api.MapGet("/{category}", One).WithSummary("The resolution rates of one category");
        return api;
    }

    private static async Task<Results<Ok<ResolutionView>, NotFound<ProblemDetails>>> One(string category, ResolutionQuery query, CancellationToken cancellationToken) =>
        (await query.ComputeAsync(category, cancellationToken)) is [var view]
            ? TypedResults.Ok(view)
            : TypedResults.NotFound(CategoriesApi.UnknownCategory(category));
}
