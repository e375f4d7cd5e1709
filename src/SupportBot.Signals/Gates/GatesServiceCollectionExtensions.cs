using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SupportBot.Signals.Gates;

public static class GatesServiceCollectionExtensions
{
    /// <summary>
    /// Gate thresholds from "Gates" (validated when the host starts) and the scoped <see cref="GateEvaluator"/>.
    /// Needs AddSupportBotDatabase first.
    /// </summary>
    public static IHostApplicationBuilder AddGates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GateOptions>().Bind(builder.Configuration.GetSection(GateOptions.Section)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GateOptions>, GateOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<GateEvaluator>();
        return builder;
    }

    /// <summary>The worker's gate gauges (meter SupportBot.Gates) and the loop that keeps their snapshot fresh.</summary>
    public static IHostApplicationBuilder AddGateGauges(this IHostApplicationBuilder builder)
    {
        builder.AddGates();
        builder.Services.AddOptions<ReviewQueueOptions>().Bind(builder.Configuration.GetSection(ReviewQueueOptions.Section));
        builder.Services.AddSingleton<GateSnapshotHolder>();
        builder.Services.AddSingleton<GateMetrics>();
        builder.Services.AddSingleton<GateSnapshotRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GateSnapshotRefresher>());
        return builder;
    }
}
