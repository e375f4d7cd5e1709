using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportBot.Data;

namespace SupportBot.EvalWorker;

public sealed record WorkerStatus(string Service, string Version, DateTimeOffset StartedAt, string? SchemaMigration);

/// <summary>
/// The worker has no /api of its own: work reaches it through Redis streams. This open status
/// endpoint says which build is running and which schema it saw; it carries no ticket data.
/// </summary>
public static class WorkerStatusApi
{
    /// <summary>The process's own start, not this class's first use (which is the first /status call).</summary>
    private static readonly DateTimeOffset StartedAt = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime());

    public static IEndpointRouteBuilder MapWorkerStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status", GetStatus)
            .WithTags("Worker")
            .WithSummary("Build, start time and database schema of this worker");
        return app;
    }

    private static Ok<WorkerStatus> GetStatus(MigrationState migrations, IHostEnvironment environment) =>
        TypedResults.Ok(new WorkerStatus(
            environment.ApplicationName,
            typeof(WorkerStatusApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            StartedAt,
            migrations.AppliedMigration));
}
