using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;

namespace SupportBot.Web.Api;

public static class ApiRegistration
{
    /// <summary>
    /// The typed client for the API, found by service discovery ("http://api" under the AppHost) or at Api:BaseUrl.
    /// Only safe methods are retried: a retried POST of a sent reply would be a second send (409).
    /// </summary>
    public static IHostApplicationBuilder AddSupportBotApiClient(this IHostApplicationBuilder builder)
    {
        var baseUrl = new Uri(builder.Configuration["Api:BaseUrl"] ?? "http://api");
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ApiKeyForwardingHandler>();
        builder.Services.AddHttpClient<SupportBotApiClient>(http => http.BaseAddress = baseUrl)
            .AddHttpMessageHandler<ApiKeyForwardingHandler>();
        builder.Services.Configure<HttpStandardResilienceOptions>($"{nameof(SupportBotApiClient)}-standard", options => options.Retry.DisableForUnsafeHttpMethods());
        builder.Services.AddHttpClient(ApiHealthCheck.ClientName, http => http.BaseAddress = baseUrl);
        builder.Services.AddHealthChecks().AddCheck<ApiHealthCheck>("api", HealthStatus.Unhealthy, ["ready"]);
        return builder;
    }
}

/// <summary>The console is of no use without the API: /health says whether the API answers its liveness probe.</summary>
internal sealed class ApiHealthCheck(IHttpClientFactory clients) : IHealthCheck
{
    public const string ClientName = "api-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync("/alive", cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The API's /alive answered {(int)response.StatusCode}.");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy("The API does not answer.", ex);
        }
    }
}
