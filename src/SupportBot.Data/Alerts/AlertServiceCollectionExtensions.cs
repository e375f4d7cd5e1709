using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.Data.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>The alert store (needs AddSupportBotDatabase). Handlers: <c>services.AddScoped&lt;IAlertEventHandler, T&gt;()</c>.</summary>
    public static IServiceCollection AddAlertStore(this IServiceCollection services) => services.AddScoped<AlertStore>();
}
