using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportBot.Drafting.Semantic;

public static class SemanticServiceCollectionExtensions
{
    /// <summary>
    /// The background vector backfill (Embeddings:Backfill): for the worker, which owns long-running work.
    /// Needs AddDraftingPipeline (the embedding model) and AddSupportBotDatabase.
    /// </summary>
    public static IHostApplicationBuilder AddVectorBackfill(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<VectorBackfillOptions>(builder.Configuration.GetSection(VectorBackfillOptions.Section));
        builder.Services.AddSingleton<VectorMetrics>();
        builder.Services.AddSingleton<VectorBackfill>();
        builder.Services.AddHostedService<VectorBackfillService>();
        return builder;
    }
}
