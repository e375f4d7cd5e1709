using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Signals.Gates;

namespace SupportBot.Api.Apis;

/// <summary>Category phases: promote or demote (managers), and the audit log of every change.</summary>
public static class CategoriesApi
{
    private const int MaxReasonLength = 2_000;

    public static RouteGroupBuilder MapCategoryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/categories").WithTags("Categories");
        api.MapPost("/{name}/phase", ChangePhase).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Promotes (one step) or demotes a category; promotion to internal needs the phase-1 gate, to customer-facing the phase-2 gate, or force with a reason");
        api.MapGet("/{name}/phase-changes", ListChanges).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("The category's phase changes, newest first, with who made them, why, and the gate at the time");
        return api;
    }

    internal static ProblemDetails UnknownCategory(string name) =>
        new() { Title = "Category not found", Detail = $"No category named '{name}'.", Status = StatusCodes.Status404NotFound };

    private static async Task<Results<Ok<CategoryPhaseView>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ValidationProblem>> ChangePhase(
        string name, ChangePhaseRequest request, ClaimsPrincipal user, CategoryPhaseService phases, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PhaseRules.IsKnown(request.Phase))
        {
            errors["phase"] = [$"One of {string.Join(", ", PhaseRules.Ordered)}."];
        }

        var force = request.Force ?? false;
        if (force && string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["A forced change needs a reason: it goes to the audit log."];
        }
        else if (request.Reason is { Length: > MaxReasonLength })
        {
            errors["reason"] = [$"The reason may be at most {MaxReasonLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var actor = user.FindFirstValue(ClaimTypes.Name) ?? "unknown";
        var result = await phases.ChangeAsync(name, request.Phase!, force, request.Reason, actor, cancellationToken);
        return result.Outcome switch
        {
            PhaseChangeOutcome.UnknownCategory => TypedResults.NotFound(UnknownCategory(name)),
            PhaseChangeOutcome.SamePhase => TypedResults.Conflict(Conflict("Already in that phase", $"'{name}' is already {result.CurrentPhase}.", result)),
            PhaseChangeOutcome.SkipsAPhase => TypedResults.Conflict(Conflict("Promote one step at a time",
                $"'{name}' is {result.CurrentPhase}; it must go through {PhaseRules.Ordered[PhaseRules.Rank(result.CurrentPhase) + 1]} before {request.Phase}.", result)),
            PhaseChangeOutcome.GateFails => TypedResults.Conflict(Conflict("Gate not met",
                $"'{name}' cannot become {request.Phase}: {string.Join("; ", result.GateReasons)}. Pass force with a reason to override.", result)),
            _ => TypedResults.Ok(new CategoryPhaseView(name, result.CurrentPhase, ToView(result.Change!))),
        };
    }

    private static async Task<Results<Ok<List<PhaseChangeView>>, NotFound<ProblemDetails>>> ListChanges(
        string name, SupportBotDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Categories.AnyAsync(c => c.Name == name, cancellationToken))
        {
            return TypedResults.NotFound(UnknownCategory(name));
        }

        var changes = await db.CategoryPhaseChanges.AsNoTracking()
            .Where(c => c.Category == name)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(changes.Select(ToView).ToList());
    }

    private static ProblemDetails Conflict(string title, string detail, PhaseChangeResult result)
    {
        var problem = new ProblemDetails { Title = title, Detail = detail, Status = StatusCodes.Status409Conflict };
        problem.Extensions["phase"] = result.CurrentPhase;
        problem.Extensions["reasons"] = result.GateReasons;
        problem.Extensions["gate"] = result.Entry?.Snapshot ?? result.Gate;
        return problem;
    }

    private static PhaseChangeView ToView(CategoryPhaseChange change) => new(
        change.Id, change.Category, change.FromPhase, change.ToPhase, change.Forced, change.Reason, change.ChangedBy,
        JsonDocument.Parse(change.GateSnapshot).RootElement.Clone(), change.ChangedAt);
}
