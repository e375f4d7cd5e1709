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
        services.AddScoped<Reviews.ExperimentReviews>();
        services.AddScoped<Data.FailureModes.FailureModeStore>();
        services.AddSingleton<ExperimentLeases>();
        return services;
    }

    /// <summary>The phase-1 gate (offline → internal): evaluator thresholds and a manual review, from "Gates:Phase1".</summary>
    public static IServiceCollection AddPhase1Gate(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Gates.Phase1GateOptions>(configuration.GetSection(Gates.Phase1GateOptions.Section));
        services.AddScoped<Gates.Phase1Gate>();
        services.AddScoped<Data.Gates.IPromotionGate>(sp => sp.GetRequiredService<Gates.Phase1Gate>());
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
        services.AddSingleton<ExperimentTelemetry>();
        services.AddSingleton<ExperimentRunner>();
        services.AddHostedService<ExperimentWorkerService>();
        return services;
    }
}
