using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Models;
using SupportBot.Drafting.Pipeline;
using SupportBot.Drafting.Prompts;
using SupportBot.Drafting.Retrieval;
using SupportBot.Embeddings;

namespace SupportBot.Drafting;

public static class DraftingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the drafting pipeline and its chat client: logging → OpenTelemetry (GenAI
    /// conventions, no content unless enabled) → Redis response cache → the configured model.
    /// Needs AddSupportBotDatabase and AddRedisClient first.
    /// </summary>
    public static IHostApplicationBuilder AddDraftingPipeline(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DraftingOptions.Section);
        builder.Services.Configure<DraftingOptions>(section);
        builder.Services.Configure<EmbeddedModelOptions>(section.GetSection("Embedded"));
        var options = section.Get<DraftingOptions>() ?? new DraftingOptions();

        builder.Services.AddMemoryCache();
        builder.Services.TryAddTimeProvider();
        builder.Services.AddSingleton<DraftingTelemetry>();
        builder.Services.AddSingleton<SemanticIndex>();
        var hybrid = RetrievalModes.IsHybrid(options.Retrieval);
        builder.Services.AddSingleton(sp => new Retriever(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<IOptions<DraftingOptions>>().Value.CandidateBudget,
            hybrid ? sp.GetRequiredService<SemanticIndex>() : null));
        builder.Services.AddSingleton<NearestNeighbourClassifier>();
        // The embedded drafter is not a general model: it cannot classify, so the vote stays.
        builder.Services.AddSingleton<ICategoryClassifier>(sp => options.Provider.Equals(DraftingProviders.Embedded, StringComparison.OrdinalIgnoreCase)
            ? sp.GetRequiredService<NearestNeighbourClassifier>()
            : ActivatorUtilities.CreateInstance<ModelCategoryClassifier>(sp));
        builder.Services.AddScoped<PromptStore>();
        // Named model configurations (Models:*) and the persisted production choice per prompt.
        builder.Services.Configure<ModelsOptions>(builder.Configuration.GetSection(ModelsOptions.Section));
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddScoped<ProductionModels>();
        builder.Services.AddScoped<DraftingPipeline>();

        // Sentence embeddings for whatever understands text by meaning (retrieval, classification, edit types,
        // re-asks, monitors): one model per process, behind the same kind of builder as the chat client.
        builder.AddEmbeddings();

        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((cache, redis) =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
            cache.InstanceName = "supportbot:llm:";
        });

        var chat = builder.Services.AddChatClient(sp => ChatClientFactory.CreateInner(
                sp.GetRequiredService<IOptions<DraftingOptions>>().Value, sp.GetRequiredService<IOptions<EmbeddedModelOptions>>()))
            .UseLogging()
            .UseOpenTelemetry(sourceName: DraftingTelemetry.Name, configure: otel => otel.EnableSensitiveData = options.RecordContentInTelemetry);
        if (options.ResponseCache)
        {
            chat.UseDistributedCache();
        }

        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
