using Microsoft.AspNetCore.Authentication;

namespace SupportBot.Api.Auth;

public static class AuthenticationExtensions
{
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SeedApiKeysOptions>(builder.Configuration.GetSection(SeedApiKeysOptions.Section));
        builder.Services.AddHostedService<ApiKeySeeder>();
        builder.Services.AddMemoryCache(options => options.SizeLimit = 10_000);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyRevocations>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApiKeyRevocations>());
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddSupportBotPolicies();
        return builder;
    }
}
