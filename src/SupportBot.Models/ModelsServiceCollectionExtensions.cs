using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.Models;

public static class ModelsServiceCollectionExtensions
{
    /// <summary>Comparisons, their reports and the audited switch (the API). Needs the drafting pipeline, experiments and monitors.</summary>
    public static IServiceCollection AddModelSwitching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ComparisonOptions>(configuration.GetSection(ComparisonOptions.Section));
        services.AddScoped<JudgeTrust>();
        services.AddScoped<ComparisonReporter>();
        services.AddScoped<ModelComparisons>();
        services.AddScoped<ModelSwitch>();
        // The shadow report reads what the worker's shadow mode wrote (Shadow/ShadowServiceCollectionExtensions.AddShadowDrafting).
        services.AddScoped<Shadow.ShadowReporter>();
        return services;
    }
}
