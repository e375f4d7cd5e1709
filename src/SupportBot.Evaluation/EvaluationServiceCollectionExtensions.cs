using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Evaluation;

public static class EvaluationServiceCollectionExtensions
{
    /// <summary>Datasets and experiment launching/reporting (API, CLI). Needs the database, the drafting pipeline and a queue.</summary>
    public static IServiceCollection AddExperiments(this IServiceCollection services)
    {
        services.AddScoped<Datasets.DatasetQueries>();
        services.AddScoped<ExperimentLauncher>();
        services.AddScoped<ExperimentReports>();
        return services;
    }

    /// <summary>The eval worker's part: the Redis queue, leases, the runner and the background loop.</summary>
    public static IServiceCollection AddExperimentWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddExperiments();
        services.Configure<ExperimentOptions>(configuration.GetSection(ExperimentOptions.Section));
        services.AddDraftEvaluators(configuration);
        services.AddSingleton<RedisRunDoorbell>();
        services.AddSingleton<IRunNotifier>(sp => sp.GetRequiredService<RedisRunDoorbell>());
        services.AddSingleton<ExperimentLeases>();
        services.AddSingleton<ExperimentTelemetry>();
        services.AddSingleton<ExperimentRunner>();
        services.AddHostedService<ExperimentWorkerService>();
        return services;
    }
}
