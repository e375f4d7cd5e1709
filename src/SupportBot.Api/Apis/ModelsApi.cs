using System.Security.Claims;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Drafting.Models;
using SupportBot.Drafting.Prompts;
using SupportBot.Models;
using SupportBot.Models.Shadow;

namespace SupportBot.Api.Apis;

/// <summary>
/// Switching models safely (docs/switching-models.md): the configured model configurations, comparisons of a
/// candidate with production over every dataset, and the audited switch that needs a passing comparison.
/// </summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").WithTags("Models");
        api.MapGet("/", List).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("The named model configurations (Models:Candidates:*, and default), with which one is production");
        api.MapPost("/comparisons", Compare).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Compares a candidate with production over every active dataset (or those named); 202 + Location, the worker runs it");
        api.MapGet("/comparisons", ListComparisons).RequireAuthorization(AuthorizationPolicies.Agent).WithSummary("Recent comparisons, newest first");
        api.MapGet("/comparisons/{id:guid}", GetComparison).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("A comparison's progress; once every run finished, the report and the non-inferiority verdict");
        api.MapGet("/production", Production).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("What drafts with a prompt now (model configuration and production version) and the audit of switches");
        api.MapPost("/production", Switch).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Switches the production model and/or prompt version: 409 without a passing comparison unless forced with a reason");
        api.MapGet("/shadow", Shadow).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("Shadow mode: production against each shadow candidate on the same live tickets, per category (edit distance to the sent reply, flags, latency)");
        api.MapGet("/shadow/{candidate}", ShadowOf).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("Shadow mode's report of one candidate");
        return api;
    }

    private static async Task<Ok<ShadowReportsView>> Shadow(string? candidate, DateTimeOffset? since, ShadowReporter reporter, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reporter.ReportAsync(candidate, since, cancellationToken));

    private static async Task<Results<Ok<ShadowReportView>, NotFound<ProblemDetails>>> ShadowOf(
        string candidate, DateTimeOffset? since, ShadowReporter reporter, CancellationToken cancellationToken) =>
        (await reporter.ReportAsync(candidate, since, cancellationToken)).Candidates.SingleOrDefault() is { } report
            ? TypedResults.Ok(report)
            : TypedResults.NotFound(new ProblemDetails
            {
                Title = "Candidate not found", Status = 404,
                Detail = $"'{candidate}' is not a configured model and has no shadow drafts.",
            });

    private static async Task<Ok<List<ModelDefinitionView>>> List(ModelCatalog catalog, ProductionModels production, CancellationToken cancellationToken)
    {
        var current = await production.CurrentAsync(PromptLabels.DefaultPromptName, cancellationToken);
        return TypedResults.Ok(catalog.Definitions.Select(d => new ModelDefinitionView(d.Key, d.Value.Provider, d.Value.Model, d.Value.BaseUrl, d.Value.Retrieval,
            d.Value.InputPricePerMillion, d.Value.OutputPricePerMillion, d.Value.Summary, d.Key == current)).ToList());
    }

    private static async Task<Results<Accepted<ModelComparisonView>, ValidationProblem>> Compare(
        CreateModelComparisonRequest request, ClaimsPrincipal user, ModelComparisons comparisons, CancellationToken cancellationToken)
    {
        var start = await comparisons.StartAsync(request, user.FindFirstValue(ClaimTypes.Name), cancellationToken);
        if (start.Comparison is not { } comparison)
        {
            return TypedResults.ValidationProblem(start.Errors);
        }

        return TypedResults.Accepted($"/api/models/comparisons/{comparison.Id}", await comparisons.GetAsync(comparison.Id, cancellationToken));
    }

    private static async Task<Ok<List<ModelComparisonView>>> ListComparisons(int? limit, ModelComparisons comparisons, CancellationToken cancellationToken) =>
        TypedResults.Ok(await comparisons.ListAsync(Math.Clamp(limit ?? 50, 1, 500), cancellationToken));

    private static async Task<Results<Ok<ModelComparisonView>, NotFound<ProblemDetails>>> GetComparison(
        Guid id, ModelComparisons comparisons, CancellationToken cancellationToken) =>
        await comparisons.GetAsync(id, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound(new ProblemDetails { Title = "Comparison not found", Detail = $"There is no model comparison {id}.", Status = 404 });

    private static async Task<Results<Ok<ProductionModelView>, ValidationProblem>> Production(
        string? prompt, ModelSwitch models, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await models.CurrentAsync(string.IsNullOrWhiteSpace(prompt) ? PromptLabels.DefaultPromptName : prompt, cancellationToken));
        }
        catch (PromptNotFoundException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["prompt"] = [ex.Message] });
        }
    }

    private static async Task<Results<Ok<ModelChangeView>, ValidationProblem, Conflict<ProblemDetails>>> Switch(
        SwitchProductionModelRequest request, ClaimsPrincipal user, ModelSwitch models, CancellationToken cancellationToken)
    {
        var outcome = await models.SwitchAsync(request, user.FindFirstValue(ClaimTypes.Name) ?? "unknown", cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(outcome.Errors);
        }

        if (outcome.Change is { } change)
        {
            return TypedResults.Ok(change);
        }

        return TypedResults.Conflict(Refused(outcome.Refusals));
    }

    /// <summary>The 409 of a switch without a passing comparison (model or production label), its reasons listed.</summary>
    internal static ProblemDetails Refused(IReadOnlyList<string> refusals)
    {
        var problem = new ProblemDetails
        {
            Title = "No passing comparison",
            // Each refusal is a sentence of its own, some already ending in a full stop: no ".." in the detail.
            Detail = string.Join("; ", refusals).TrimEnd('.') + ". Pass force with a reason to override (audited).",
            Status = StatusCodes.Status409Conflict,
        };
        problem.Extensions["reasons"] = refusals;
        return problem;
    }
}
