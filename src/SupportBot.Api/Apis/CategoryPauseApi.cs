using System.Security.Claims;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data.Categories;

namespace SupportBot.Api.Apis;

/// <summary>
/// The per-category pause switch (circuit breaker): while set, customer conversations in the category go through the
/// team. Managers set and clear it with a reason; every change is audited. X-SupportBot-Source: cli marks the CLI.
/// </summary>
public static class CategoryPauseApi
{
    public const string SourceHeader = "X-SupportBot-Source";

    public static RouteGroupBuilder MapCategoryPauseEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/categories").WithTags("Categories");
        api.MapPost("/{name}/pause", (string name, CategoryPauseRequest request, HttpRequest http, ClaimsPrincipal user, CategoryPauseService pauses, CancellationToken ct) =>
                ChangeAsync(name, pause: true, request, http, user, pauses, ct))
            .RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Pauses the category: its conversations go through the team until resumed (reason required, audited)");
        api.MapPost("/{name}/resume", (string name, CategoryPauseRequest request, HttpRequest http, ClaimsPrincipal user, CategoryPauseService pauses, CancellationToken ct) =>
                ChangeAsync(name, pause: false, request, http, user, pauses, ct))
            .RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Clears the category's pause switch (reason required, audited)");
        api.MapGet("/{name}/pause", Get).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("The category's pause switch and its audit log, newest first");
        return api;
    }

    private static async Task<Results<Ok<CategoryPauseView>, NotFound<ProblemDetails>, ValidationProblem>> ChangeAsync(
        string name, bool pause, CategoryPauseRequest request, HttpRequest http, ClaimsPrincipal user, CategoryPauseService pauses, CancellationToken cancellationToken)
    {
        var errors = ConversationValidation.ValidateMessage(request.Reason, CategoryPauseService.MaxReasonLength, "reason");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var source = http.Headers[SourceHeader].FirstOrDefault() == PauseSources.Cli ? PauseSources.Cli : PauseSources.Api;
        var actor = user.FindFirstValue(ClaimTypes.Name) ?? "unknown";
        var result = pause
            ? await pauses.PauseAsync(name, request.Reason!, actor, source, cancellationToken)
            : await pauses.ResumeAsync(name, request.Reason!, actor, source, cancellationToken);
        return result.Outcome == PauseOutcome.UnknownCategory
            ? TypedResults.NotFound(CategoriesApi.UnknownCategory(name))
            : TypedResults.Ok(View(name, result.Current));
    }

    private static async Task<Results<Ok<CategoryPauseHistory>, NotFound<ProblemDetails>>> Get(
        string name, Data.SupportBotDbContext db, CategoryPauseService pauses, CancellationToken cancellationToken)
    {
        if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Categories, c => c.Name == name, cancellationToken))
        {
            return TypedResults.NotFound(CategoriesApi.UnknownCategory(name));
        }

        var current = (await pauses.ListPausedAsync(cancellationToken)).SingleOrDefault(p => p.Category == name);
        var history = await pauses.HistoryAsync(name, 500, cancellationToken);
        return TypedResults.Ok(new CategoryPauseHistory(View(name, current),
            [.. history.Select(c => new CategoryPauseChangeView(c.Id, c.Category, c.Action, c.Reason, c.Actor, c.Source, c.ChangedAt))]));
    }

    private static CategoryPauseView View(string name, CategoryPause? pause) =>
        new(name, pause is not null, pause?.Reason, pause?.PausedBy, pause?.Source, pause?.PausedAt);
}
