using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportBot.Monitors;

namespace SupportBot.Models.Shadow;

public static class ShadowServiceCollectionExtensions
{
    /// <summary>
    /// The worker's shadow mode (Models:Shadow, validated at start): drafting sampled live tickets with the candidate and
    /// scoring them once the team's reply is recorded. Needs the drafting pipeline and the database; adds the monitors.
    /// </summary>
    public static IHostApplicationBuilder AddShadowDrafting(this IHostApplicationBuilder builder)
    {
        builder.AddMonitors();
        builder.Services.AddOptions<ShadowOptions>().Bind(builder.Configuration.GetSection(ShadowOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ShadowOptions>, ShadowOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ShadowMetrics>();
        builder.Services.AddSingleton<ShadowDrafter>();
        builder.Services.AddSingleton<ShadowScorer>();
        builder.Services.AddHostedService<ShadowWorker>();
        return builder;
    }
}
