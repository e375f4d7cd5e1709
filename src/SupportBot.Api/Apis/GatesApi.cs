using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data.Entities;
using SupportBot.Evaluation.Gates;
using SupportBot.Signals.Gates;

namespace SupportBot.Api.Apis;

/// <summary>
/// The gates of every category: the phase-2 gate, and for offline categories the phase-1 gate beside it. Agents may
/// read them: the team works towards them, and they hold no ticket content.
/// </summary>
public static class GatesApi
{
    public static RouteGroupBuilder MapGateEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/gates").WithTags("Gates").RequireAuthorization(AuthorizationPolicies.Agent);
        api.MapGet("/", List).WithSummary("Every category's phase and gate over its window: values, sample sizes, thresholds and why it is not ready; offline categories also show the phase-1 gate");
        api.MapGet("/{category}", Get).WithSummary("One category's gate");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<CategoryGateView>>> List(GateEvaluator gates, Phase1Gate phase1, CancellationToken cancellationToken)
    {
        var views = new List<CategoryGateView>();
        foreach (var gate in await gates.EvaluateAllAsync(cancellationToken))
        {
            views.Add(await WithPhase1Async(gate, phase1, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<CategoryGateView>>(views);
    }

    private static async Task<Results<Ok<CategoryGateView>, NotFound<ProblemDetails>>> Get(
        string category, GateEvaluator gates, Phase1Gate phase1, CancellationToken cancellationToken) =>
        await gates.EvaluateAsync(category, cancellationToken) is { } gate
            ? TypedResults.Ok(await WithPhase1Async(gate, phase1, cancellationToken))
            : TypedResults.NotFound(CategoriesApi.UnknownCategory(category));

    private static async Task<CategoryGateView> WithPhase1Async(CategoryGateView gate, Phase1Gate phase1, CancellationToken cancellationToken) =>
        gate.Phase == CategoryPhases.Offline ? gate with { Phase1 = await phase1.EvaluateAsync(gate.Category, cancellationToken) } : gate;
}
