using SupportBot.Api.Auth;
using SupportBot.Data.Entities;
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
        api.MapGet("/{id:guid}/gate", Gate).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("The regression gate: ?failBelow=metric=threshold (repeatable) against the finished run's overall means");
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

    private static async Task<Results<Ok<ExperimentGateView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Gate(
        Guid id, [FromQuery] string[]? failBelow, ExperimentReports reports, CancellationToken cancellationToken)
    {
        Dictionary<string, double> thresholds;
        try
        {
            thresholds = RegressionGate.Parse(failBelow ?? [], yaml: null);
        }
        catch (ThresholdFormatException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["failBelow"] = [ex.Message] });
        }

        if (thresholds.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["failBelow"] = ["Give at least one metric=threshold, e.g. failBelow=grounding=0.6."] });
        }

        if (await reports.ReportAsync(id, cancellationToken) is not { } report)
        {
            return UnknownRun(id);
        }

        if (report.Run.Status != ExperimentStatuses.Completed)
        {
            // A gate on a partial run would pass or fail on whichever items happened to finish first.
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Experiment run not finished",
                Detail = $"Run {id} is {report.Run.Status}; the gate is checked once it has completed.",
                Status = 409,
            });
        }

        var failed = RegressionGate.Check(thresholds, report.Aggregates).Select(f => f.Metric).ToHashSet(StringComparer.Ordinal);
        var overall = report.Aggregates.Where(a => a.Scope == "overall").ToDictionary(a => a.Metric, StringComparer.Ordinal);
        var views = thresholds
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new GateThresholdView(t.Key, t.Value, overall.GetValueOrDefault(t.Key)?.Mean, overall.GetValueOrDefault(t.Key)?.N ?? 0, !failed.Contains(t.Key)))
            .ToList();
        return TypedResults.Ok(new ExperimentGateView(id, failed.Count == 0, views));
    }

    private static NotFound<ProblemDetails> UnknownRun(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Experiment run not found", Detail = $"There is no experiment run {id}.", Status = 404 });
}
