using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data.Datasets;
using SupportBot.Data.Replies;

namespace SupportBot.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Postgres data source (with health check and telemetry), the DbContext on top
    /// of it, and the migration step that runs before the service starts taking requests.
    /// </summary>
    public static IHostApplicationBuilder AddSupportBotDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddSupportBotNpgsqlDataSource(ConnectionNames.Database);
        builder.Services.AddDbContextPool<SupportBotDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.EnableRetryOnFailure())
            .UseSupportBotConventions());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<DatasetStore>();
        builder.Services.AddScoped<DatasetItemSources>();
        builder.Services.TryAddSingleton<SentReplies>();
        // Phase 3: the per-category pause switch, shared by the conversations, the monitors and the API.
        builder.Services.TryAddSingleton<Categories.CategoryPauseCache>();
        builder.Services.TryAddScoped<Categories.CategoryPauseService>();
        builder.Services.AddSingleton<MigrationState>();
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddHealthChecks().AddCheck<MigrationHealthCheck>("migrations", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>Conventions shared by the services and the design-time factory: snake_case names.</summary>
    public static DbContextOptionsBuilder UseSupportBotConventions(this DbContextOptionsBuilder options) =>
        options.UseSnakeCaseNamingConvention();
}
