using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportBot.Data.HelpCenter;

public static class HelpCenterServiceCollectionExtensions
{
    /// <summary>The help-article store and the <c>HelpCenter</c> configuration section it reindexes from.</summary>
    public static IHostApplicationBuilder AddHelpCenter(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<HelpCenterOptions>(builder.Configuration.GetSection(HelpCenterOptions.Section));
        builder.Services.AddScoped<HelpArticleStore>();
        return builder;
    }
}
