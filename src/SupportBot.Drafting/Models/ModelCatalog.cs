using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Retrieval;

namespace SupportBot.Drafting.Models;

public sealed class UnknownModelException(string name, IEnumerable<string> known)
    : Exception($"No model configuration '{name}'; configured: {string.Join(", ", known)} (Models:Candidates:<name>).")
{
    public string Name { get; } = name;
}

/// <summary>A named model configuration ready to draft: its chat client, retrieval and classifier.</summary>
public sealed record DraftingModel(string Name, ModelDefinition Definition, IChatClient Chat, Retriever Retriever, ICategoryClassifier Classifier);

/// <summary>
/// The named model configurations of this process. "default" (Drafting:*) uses the services registered for it, so
/// a deployment that names no candidate drafts exactly as before; every other configuration gets its own chat
/// client behind the same builder (logging → OpenTelemetry → Redis cache), its own retriever mode and classifier,
/// built once on first use.
/// </summary>
public sealed class ModelCatalog(IServiceProvider services, IOptions<ModelsOptions> models, IOptions<DraftingOptions> drafting)
{
    private readonly ConcurrentDictionary<string, Lazy<DraftingModel>> _built = new(StringComparer.Ordinal);

    public string DefaultModel => models.Value.Default;

    /// <summary>Every configured name with its definition (the key never leaves the process through this: use <see cref="ModelDefinition.Summary"/>).</summary>
    public IReadOnlyDictionary<string, ModelDefinition> Definitions
    {
        get
        {
            var all = new SortedDictionary<string, ModelDefinition>(StringComparer.Ordinal) { [ModelsOptions.DefaultName] = DefaultDefinition() };
            foreach (var (name, definition) in models.Value.Candidates)
            {
                all[name] = definition;
            }

            return all;
        }
    }

    public bool Contains(string name) => Definitions.ContainsKey(name);

    public ModelDefinition Definition(string name) =>
        Definitions.TryGetValue(name, out var definition) ? definition : throw new UnknownModelException(name, Definitions.Keys);

    public DraftingModel Get(string name)
    {
        var definition = Definition(name);
        return _built.GetOrAdd(name, _ => new Lazy<DraftingModel>(() => Build(name, definition))).Value;
    }

    private ModelDefinition DefaultDefinition()
    {
        var d = drafting.Value;
        return new ModelDefinition
        {
            Provider = d.Provider,
            BaseUrl = d.OpenAI.BaseUrl,
            Model = d.OpenAI.Model,
            ApiKey = d.OpenAI.ApiKey,
            Retrieval = d.Retrieval,
            // The embedded drafter costs nothing per token; a hosted default's price is unknown unless configured.
            InputPricePerMillion = d.Provider.Equals(DraftingProviders.Embedded, StringComparison.OrdinalIgnoreCase) ? 0 : null,
            OutputPricePerMillion = d.Provider.Equals(DraftingProviders.Embedded, StringComparison.OrdinalIgnoreCase) ? 0 : null,
            Description = "Drafting:* configuration",
        };
    }

    private DraftingModel Build(string name, ModelDefinition definition)
    {
        if (name == ModelsOptions.DefaultName && !models.Value.Candidates.ContainsKey(ModelsOptions.DefaultName))
        {
            return new DraftingModel(name, definition, services.GetRequiredService<IChatClient>(), services.GetRequiredService<Retriever>(),
                services.GetRequiredService<ICategoryClassifier>());
        }

        var settings = drafting.Value;
        var inner = definition.Provider.ToLowerInvariant() switch
        {
            DraftingProviders.Embedded => new EmbeddedDrafterChatClient(services.GetRequiredService<IOptions<EmbeddedModelOptions>>(), settings.Privacy),
            DraftingProviders.OpenAI => ChatClientFactory.CreateOpenAICompatible(
                new OpenAICompatibleOptions { BaseUrl = definition.BaseUrl, Model = definition.Model, ApiKey = definition.ApiKey }),
            var other => throw new InvalidOperationException(
                $"Models:Candidates:{name}:Provider '{other}' is unknown; use '{DraftingProviders.Embedded}' or '{DraftingProviders.OpenAI}'."),
        };
        var builder = new ChatClientBuilder(inner)
            .UseLogging(services.GetService<ILoggerFactory>())
            .UseOpenTelemetry(sourceName: DraftingTelemetry.Name, configure: otel => otel.EnableSensitiveData = settings.RecordContentInTelemetry);
        if (settings.ResponseCache && services.GetService<IDistributedCache>() is { } cache)
        {
            builder.UseDistributedCache(cache);
        }

        var chat = builder.Build(services);
        var retriever = new Retriever(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), settings.CandidateBudget,
            RetrievalModes.IsHybrid(definition.Retrieval) ? services.GetRequiredService<SemanticIndex>() : null);
        var neighbours = services.GetRequiredService<NearestNeighbourClassifier>();
        ICategoryClassifier classifier = definition.Provider.Equals(DraftingProviders.Embedded, StringComparison.OrdinalIgnoreCase)
            ? neighbours
            : new ModelCategoryClassifier(chat, services.GetRequiredService<Npgsql.NpgsqlDataSource>(), neighbours);
        return new DraftingModel(name, definition, chat, retriever, classifier);
    }
}
