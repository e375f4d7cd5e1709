using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SupportBot.Signals.Edits;

namespace SupportBot.Signals;

public static class SignalsServiceCollectionExtensions
{
    /// <summary>The API side: publishing signals, reading dead letters, the review queue's options.</summary>
    public static IHostApplicationBuilder AddSignalPublisher(this IHostApplicationBuilder builder)
    {
        AddOptions(builder);
        builder.Services.AddSingleton<SignalPublisher>();
        builder.Services.AddSingleton<DeadLetters>();
        return builder;
    }

    /// <summary>The worker side: the stream consumer (unless Signals:ConsumerEnabled is false) and the scoring it uses.</summary>
    public static IHostApplicationBuilder AddSignalConsumer(this IHostApplicationBuilder builder)
    {
        AddOptions(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IEditClassifier, HeuristicEditClassifier>();
        builder.Services.AddSingleton<SignalScoring>();
        builder.Services.AddSingleton<ScoreValidator>();
        builder.Services.AddSingleton<SignalBatchWriter>();
        builder.Services.AddSingleton<DeadLetters>();
        builder.Services.AddSingleton<SignalMetrics>();
        builder.Services.AddSingleton<SentDraftReplies>();
        if (builder.Configuration.GetValue($"{SignalOptions.Section}:{nameof(SignalOptions.ConsumerEnabled)}", true))
        {
            builder.Services.AddHostedService<SignalConsumer>();
        }

        return builder;
    }

    private static void AddOptions(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignalOptions>().Bind(builder.Configuration.GetSection(SignalOptions.Section));
        builder.Services.AddOptions<ReviewQueueOptions>().Bind(builder.Configuration.GetSection(ReviewQueueOptions.Section));
    }
}
