using SupportBot.Api.Apis;
using SupportBot.Data.Alerts;

namespace SupportBot.Api;

public static class AlertsRegistration
{
    /// <summary>Alertmanager's webhook and the stored alert events (POST /api/alerts/webhook, GET /api/alerts).</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddAlertStore();
        builder.Services.Configure<AlertWebhookOptions>(builder.Configuration.GetSection(AlertWebhookOptions.Section));
        return builder;
    }
}
