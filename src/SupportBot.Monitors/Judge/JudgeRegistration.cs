using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Monitors.Judge;

/// <summary>Registers <c>llm_judge</c> only when "Monitors:Judge" names an endpoint; without one only the embedded monitors run.</summary>
public static class JudgeRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        var judge = builder.Configuration.GetSection($"{MonitorOptions.Section}:{nameof(MonitorOptions.Judge)}").Get<JudgeMonitorOptions>() ?? new();
        if (!judge.IsConfigured)
        {
            return;
        }

        AddJudge(builder.Services);
    }

    /// <summary>The judge monitor over the OpenAI-compatible client drafting and the offline judge use (tests call this directly).</summary>
    public static IServiceCollection AddJudge(this IServiceCollection services)
    {
        services.AddSingleton<JudgeBudget>();
        services.AddSingleton<IReplyMonitor>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MonitorOptions>>();
            var judge = options.Value.Judge;
            var client = EvaluatorServiceCollectionExtensions.CreateJudgeClient(new JudgeOptions { BaseUrl = judge.BaseUrl, Model = judge.Model, ApiKey = judge.ApiKey });
            return new LlmJudgeMonitor(client, sp.GetRequiredService<JudgeBudget>(), options);
        });
        return services;
    }
}
