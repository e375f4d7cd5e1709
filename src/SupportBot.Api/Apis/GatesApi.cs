using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Signals.Gates;

namespace SupportBot.Api.Apis;

/// <summary>
/// The phase-2 gates of every category. Agents may read them: the team works towards them, and
/// they hold no ticket content.
/// </summary>
public static class GatesApi
{
    public static RouteGroupBuilder MapGateEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/gates").WithTags("Gates").RequireAuthorization(AuthorizationPolicies.Agent);
        api.MapGet("/", List).WithSummary("Every category's phase and gate over its window: values, sample sizes, thresholds and why it is not ready");
        api.MapGet("/{category}", Get).WithSummary("One category's gate");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<CategoryGateView>>> List(GateEvaluator gates, CancellationToken cancellationToken) =>
        TypedResults.Ok(await gates.EvaluateAllAsync(cancellationToken));

    private static async Task<Results<Ok<CategoryGateView>, NotFound<ProblemDetails>>> Get(string category, GateEvaluator gates, CancellationToken cancellationToken) =>
        await gates.EvaluateAsync(category, cancellationToken) is { } gate
            ? TypedResults.Ok(gate)
            : TypedResults.NotFound(CategoriesApi.UnknownCategory(category));
}
