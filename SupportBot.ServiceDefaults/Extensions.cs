using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every SupportBot service gets, in the shape of Aspire's ServiceDefaults template:
/// OpenTelemetry, health checks, service discovery and resilient HTTP clients.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string MetricsEndpointPath = "/metrics";

    /// <summary>Every meter and activity source the project owns starts with this.</summary>
    public const string TelemetryPrefix = "SupportBot";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddProblemDetails();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Metrics:TargetsDirectory"]))
        {
            builder.Services.AddHostedService<PrometheusTargetFile>();
        }

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter($"{TelemetryPrefix}.*")
                .AddMeter("Experimental.Microsoft.Extensions.AI")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource($"{TelemetryPrefix}.*")
                .AddSource("Experimental.Microsoft.Extensions.AI")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes and scrapes every few seconds would drown the traces that matter.
                    options.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // OTLP only when a collector is configured (Aspire dashboard, Jaeger, Langfuse...).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        return builder;
    }

    /// <summary>
    /// Maps /health (readiness: every check, including Postgres and Redis), /alive (liveness: only
    /// checks tagged "live") and /metrics (Prometheus). All three stay open, in every environment,
    /// because orchestrators and Prometheus call them without credentials. A check that is still starting (migrations
    /// pending, the embedding model loading) reports Degraded, which /health answers 503 like Unhealthy: not ready yet,
    /// but logged as a warning, not an error, since it is the normal state of the first seconds.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath).AllowAnonymous();
        return app;
    }

    private static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments(HealthEndpointPath)
        || path.StartsWithSegments(AlivenessEndpointPath)
        || path.StartsWithSegments(MetricsEndpointPath);
}
