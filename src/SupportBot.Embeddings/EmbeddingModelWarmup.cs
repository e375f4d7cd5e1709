using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SupportBot.Embeddings;

/// <summary>
/// Loads the embedding model while the service starts and reports ready only after it has embedded one text,
/// so no request waits for the model and a broken model shows on /health instead of in the first draft.
/// </summary>
public sealed partial class EmbeddingModelWarmup(
    IEmbeddingGenerator<string, Embedding<float>> generator, ILogger<EmbeddingModelWarmup> logger) : BackgroundService, IHealthCheck
{
    private volatile string? _error;
    private volatile bool _ready;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: hosted services start in order, and Kestrel should not wait for a second of ONNX loading.
        await Task.Yield();
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var vector = await generator.GenerateVectorAsync("warm-up", cancellationToken: stoppingToken);
            _ready = true;
            LogLoaded(logger, generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown", vector.Length,
                TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _error = ex.Message;
            LogFailed(logger, ex);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            _ready ? HealthCheckResult.Healthy("embedding model loaded")
            : _error is { } error ? HealthCheckResult.Unhealthy($"embedding model failed to load: {error}")
            : HealthCheckResult.Degraded("embedding model is loading")); // starting: /health answers 503 all the same

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding model {Model} loaded ({Dimensions} dimensions) in {Milliseconds:F0} ms")]
    private static partial void LogLoaded(ILogger logger, string model, int dimensions, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedding model failed to load")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
