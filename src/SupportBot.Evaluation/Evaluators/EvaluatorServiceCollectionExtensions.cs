using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportBot.Drafting;
using SupportBot.Drafting.Models;

namespace SupportBot.Evaluation.Evaluators;

public static class EvaluatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DraftGrader"/> (scoped) with every evaluator, their configuration sections
    /// (Evaluation:Grounding, Evaluation:Policy, Evaluation:Judge) and, when configured, the judge model.
    /// Needs the NpgsqlDataSource of AddSupportBotDatabase for the help-article index.
    /// </summary>
    public static IServiceCollection AddDraftEvaluators(this IServiceCollection services, IConfiguration configuration)
    {
        // Idempotent: registering the evaluators twice would grade every draft twice.
        if (services.Any(s => s.ServiceType == typeof(DraftGrader)))
        {
            return services;
        }

        services.Configure<GroundingOptions>(configuration.GetSection(GroundingOptions.Section));
        services.Configure<PolicyOptions>(configuration.GetSection(PolicyOptions.Section));
        services.Configure<JudgeOptions>(configuration.GetSection(JudgeOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IHelpArticleIndex, PostgresHelpArticleIndex>();

        // Order is the order of MetricNames and of the scores a run writes.
        services.AddSingleton<IEvaluator, ReferenceSimilarityEvaluator>();
        services.AddScoped<IEvaluator, GroundingEvaluator>();
        services.AddScoped<IEvaluator, ArticleSupportEvaluator>();
        services.AddSingleton<IEvaluator, PolicyComplianceEvaluator>();
        services.AddSingleton<IEvaluator, HandoffEvaluator>();
        services.AddSingleton<IEvaluator, LanguageMatchEvaluator>();
        services.AddSingleton<IEvaluator, JudgeCorrectnessEvaluator>();

        var judge = configuration.GetSection(JudgeOptions.Section).Get<JudgeOptions>() ?? new JudgeOptions();
        if (judge.IsConfigured && !services.Any(s => s.ServiceType == typeof(JudgeModel)))
        {
            services.AddSingleton(new JudgeModel(CreateJudgeClient(judge)));
        }

        services.AddScoped(sp => new DraftGrader(sp.GetServices<IEvaluator>(), sp.GetService<JudgeModel>()));
        return services;
    }

    /// <summary>The same OpenAI-compatible client drafting uses, pointed at the judge's endpoint and model.</summary>
    public static Microsoft.Extensions.AI.IChatClient CreateJudgeClient(JudgeOptions judge) =>
        ChatClientFactory.CreateOpenAICompatible(new OpenAICompatibleOptions { BaseUrl = judge.BaseUrl, Model = judge.Model, ApiKey = judge.ApiKey });
}
