using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Api.Apis;

/// <summary>
/// Offline experiments: queue a prompt version (and optional model) on a dataset version; the eval
/// worker drafts and grades every item. Runs report progress, aggregates with 95% intervals, and
/// compare pairwise.
/// </summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/experiments").WithTags("Experiments");
        api.MapPost("/", Create).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Queues an experiment run; answers at once with its id (202 + Location)");
        api.MapGet("/", List).RequireAuthorization(AuthorizationPolicies.Agent).WithSummary("Recent runs, newest first");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("A run's status, progress (completed/total) and per-metric aggregates with 95% intervals");
        api.MapGet("/{id:guid}/items", Items).RequireAuthorization(AuthorizationPolicies.Agent).WithSummary("Per-item outputs and scores of a run");
        api.MapGet("/compare", Compare).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("B against A: per-metric and per-category deltas with intervals, items that moved, a verdict");
        return api;
    }

    private static async Task<Results<Accepted<ExperimentRunView>, ValidationProblem>> Create(
        CreateExperimentRequest request, ExperimentLauncher launcher, ExperimentReports reports, CancellationToken cancellationToken)
    {
        var launch = await launcher.LaunchAsync(request, cancellationToken);
        if (launch.Run is not { } run)
        {
            return TypedResults.ValidationProblem(launch.Errors);
        }

        return TypedResults.Accepted($"/api/experiments/{run.Id}", await reports.RunAsync(run.Id, cancellationToken));
    }

    private static async Task<Ok<List<ExperimentRunView>>> List(Guid? dataset, int? limit, ExperimentReports reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reports.ListAsync(dataset, Math.Clamp(limit ?? 50, 1, 500), cancellationToken));

    private static async Task<Results<Ok<ExperimentReport>, NotFound<ProblemDetails>>> Get(Guid id, ExperimentReports reports, CancellationToken cancellationToken) =>
        await reports.ReportAsync(id, cancellationToken) is { } report ? TypedResults.Ok(report) : UnknownRun(id);

    private static async Task<Results<Ok<List<ExperimentItemView>>, NotFound<ProblemDetails>>> Items(Guid id, ExperimentReports reports, CancellationToken cancellationToken) =>
        await reports.RunAsync(id, cancellationToken) is null ? UnknownRun(id) : TypedResults.Ok(await reports.ItemsAsync(id, cancellationToken));

    private static async Task<Results<Ok<ExperimentComparison>, ValidationProblem, NotFound<ProblemDetails>>> Compare(
        string? a, string? b, ExperimentReports reports, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Guid.TryParse(a, out var left))
        {
            errors["a"] = ["The id of run A is required."];
        }

        if (!Guid.TryParse(b, out var right))
        {
            errors["b"] = ["The id of run B is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await reports.CompareAsync(left, right, cancellationToken) is { } comparison
            ? TypedResults.Ok(comparison)
            : TypedResults.NotFound(new ProblemDetails { Title = "Experiment run not found", Detail = $"Run {left} or {right} does not exist.", Status = 404 });
    }

    private static NotFound<ProblemDetails> UnknownRun(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Experiment run not found", Detail = $"There is no experiment run {id}.", Status = 404 });
}
