using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportBot.Embeddings;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Monitors.Checking;
using SupportBot.Monitors.HelpCenter;
using SupportBot.Monitors.Monitors;
using SupportBot.Monitors.Text;

namespace SupportBot.Monitors;

public static class MonitorsServiceCollectionExtensions
{
    /// <summary>
    /// The monitors and <see cref="MonitorSuite"/> that runs them (validated "Monitors" options, embeddings, the help
    /// center from Postgres). Enough for the dry run; <see cref="AddMonitorConsumer"/> and <see cref="AddSentReplyQueue"/> add the rest.
    /// </summary>
    public static IHostApplicationBuilder AddMonitors(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(MonitorSuite)))
        {
            return builder;
        }

        builder.AddEmbeddings();
        builder.Services.AddOptions<MonitorOptions>().Bind(builder.Configuration.GetSection(MonitorOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MonitorOptions>, MonitorOptionsValidator>();
        builder.Services.Configure<GroundingOptions>(builder.Configuration.GetSection(GroundingOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IArticleTextSource, PostgresArticleTextSource>();
        builder.Services.TryAddSingleton<SentenceVectors>();
        builder.Services.TryAddSingleton<MonitorMetrics>();
        AddEmbeddedMonitors(builder.Services);
        Judge.JudgeRegistration.Add(builder);
        builder.Services.AddSingleton<MonitorSuite>();
        builder.Services.TryAddScoped<Data.FailureModes.FailureModeStore>();
        builder.Services.TryAddSingleton<FollowUps.FollowUpMetrics>();
        builder.Services.AddScoped<FollowUps.FollowUpStore>();
        return builder;
    }

    /// <summary>Every reply that reached a customer is queued on the monitors' Redis stream (API and worker: both publish).</summary>
    public static IHostApplicationBuilder AddSentReplyQueue(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitorOptions>().Bind(builder.Configuration.GetSection(MonitorOptions.Section));
        builder.Services.AddSingleton<Data.Replies.ISentReplySink, RedisSentReplySink>();
        return builder;
    }

    /// <summary>The worker side: the monitors, the stream consumer (unless Monitors:ConsumerEnabled is false), the flag writer and the queue gauges.</summary>
    public static IHostApplicationBuilder AddMonitorConsumer(this IHostApplicationBuilder builder)
    {
        builder.AddMonitors();
        builder.Services.AddSingleton<FlagWriter>();
        builder.Services.AddSingleton<FollowUps.FollowUpGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FollowUps.FollowUpGauges>());
        if (builder.Configuration.GetValue($"{MonitorOptions.Section}:{nameof(MonitorOptions.ConsumerEnabled)}", true))
        {
            builder.Services.AddHostedService<MonitorConsumer>();
        }

        return builder;
    }

    /// <summary>The seven embedded monitors, in the order they run (also used by tests and the benchmark).</summary>
    public static IServiceCollection AddEmbeddedMonitors(this IServiceCollection services)
    {
        services.AddSingleton<IReplyMonitor, UnauthorizedCommitmentMonitor>();
        services.AddSingleton<IReplyMonitor, InventedPolicyMonitor>();
        services.AddSingleton<IReplyMonitor, InventedLinkMonitor>();
        services.AddSingleton<IReplyMonitor, RudenessMonitor>();
        services.AddSingleton<IReplyMonitor, UnsafeAdviceMonitor>();
        services.AddSingleton<IReplyMonitor, LeakedDataMonitor>();
        services.AddSingleton<IReplyMonitor, PromptInjectionMonitor>();
        return services;
    }
}
