using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenAI;

namespace SupportBot.Embeddings;

public static class EmbeddingsServiceCollectionExtensions
{
    public const string TelemetrySourceName = "SupportBot.Embeddings";

    /// <summary>
    /// Service key of the bare model, the same instance the pipeline wraps: for bulk work (the vector
    /// backfill) that must not fill the distributed cache with a vector per historical ticket or log each batch.
    /// </summary>
    public const string Bulk = "bulk";

    /// <summary>
    /// Registers <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>: logging → OpenTelemetry (GenAI conventions,
    /// no text unless enabled) → distributed cache when one is registered → the configured model; plus
    /// <see cref="TextEmbeddings"/> and a readiness check that passes once the model has loaded. Safe to call twice.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddings(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(EmbeddingModelWarmup)))
        {
            return builder;
        }

        var options = builder.Configuration.GetSection(EmbeddingOptions.Section).Get<EmbeddingOptions>() ?? new EmbeddingOptions();
        builder.Services.Configure<EmbeddingOptions>(builder.Configuration.GetSection(EmbeddingOptions.Section));

        builder.Services.AddKeyedSingleton(Bulk, (_, _) => CreateInner(options));
        var embeddings = builder.Services.AddEmbeddingGenerator(sp => sp.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(Bulk))
            .UseLogging()
            .UseOpenTelemetry(sourceName: TelemetrySourceName, configure: otel => otel.EnableSensitiveData = options.RecordContentInTelemetry);
        if (options.Cache)
        {
            embeddings.Use((inner, services) => services.GetService<IDistributedCache>() is { } cache
                ? new DistributedCachingEmbeddingGenerator<string, Embedding<float>>(inner, cache)
                : inner);
        }

        builder.Services.TryAddSingleton<TextEmbeddings>();
        builder.Services.AddSingleton<EmbeddingModelWarmup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddingModelWarmup>());
        builder.Services.AddHealthChecks().AddCheck<EmbeddingModelWarmup>("embedding-model", tags: [HealthTags.Ready]);
        return builder;
    }

    public static IEmbeddingGenerator<string, Embedding<float>> CreateInner(EmbeddingOptions options) =>
        options.Provider.ToLowerInvariant() switch
        {
            EmbeddingProviders.Embedded => new MiniLmEmbeddingGenerator(options.IntraOpThreads),
            EmbeddingProviders.OpenAI => CreateOpenAICompatible(options.OpenAI),
            var other => throw new InvalidOperationException(
                $"Embeddings:Provider '{other}' is unknown; use '{EmbeddingProviders.Embedded}' or '{EmbeddingProviders.OpenAI}'."),
        };

    private static IEmbeddingGenerator<string, Embedding<float>> CreateOpenAICompatible(OpenAIEmbeddingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl) || !Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException("Embeddings:OpenAI:BaseUrl must be an absolute URL (e.g. http://localhost:11434/v1) when Embeddings:Provider is 'openai'.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new InvalidOperationException("Embeddings:OpenAI:Model must be set when Embeddings:Provider is 'openai'.");
        }

        // Local servers (Ollama, vLLM) accept any key; the SDK insists on one.
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIClient(credential, new OpenAIClientOptions { Endpoint = endpoint })
            .GetEmbeddingClient(options.Model)
            .AsIEmbeddingGenerator();
    }
}
