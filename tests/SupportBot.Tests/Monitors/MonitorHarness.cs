using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Embeddings;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Hosting;
using SupportBot.Monitors;
using SupportBot.Monitors.Checking;
using SupportBot.Monitors.HelpCenter;
using SupportBot.Monitors.Text;

namespace SupportBot.Tests.Monitors;

/// <summary>
/// The embedded monitors in process, as the worker builds them, over the demo help center (data/demo/help-articles)
/// and the worker's allowed URL prefixes: for unit tests of the monitors' logic and the labelled-set figures.
/// </summary>
public static class MonitorHarness
{
    private static readonly Lazy<ServiceProvider> Services = new(() => Build());

    public static string RepositoryRoot => AppHostOptions.FindRepositoryRoot();

    public static MonitorSuite Suite => Services.Value.GetRequiredService<MonitorSuite>();

    public static IServiceProvider Provider => Services.Value;

    public static ServiceProvider Build(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddOptions<MonitorOptions>();
        services.Configure<GroundingOptions>(o => o.AllowedUrlPrefixes.AddRange(
            ["https://status.tasklane.example", "https://feedback.tasklane.example", "https://app.tasklane.example", "https://api.tasklane.example"]));
        // An instance, not a factory: the container disposes what its factories made, and a provider built by
        // one test must not dispose the model every other test shares (ONNX Runtime crashes on a disposed session).
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedGenerator.Value);
        services.AddSingleton<TextEmbeddings>();
        services.AddSingleton<SentenceVectors>();
        services.AddSingleton<IArticleTextSource>(FixedArticleTextSource.FromFolder(Path.Combine(RepositoryRoot, "data", "demo", "help-articles")));
        services.AddSingleton<MonitorMetrics>();
        services.AddEmbeddedMonitors();
        configure?.Invoke(services);
        services.AddSingleton<MonitorSuite>();
        return services.BuildServiceProvider();
    }

    private static readonly Lazy<MiniLmEmbeddingGenerator> SharedGenerator = new(() => new MiniLmEmbeddingGenerator());
}
