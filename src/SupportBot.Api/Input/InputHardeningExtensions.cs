using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Routing;

namespace SupportBot.Api.Input;

/// <summary>Bad input is a 4xx ProblemDetails everywhere, set up in one place instead of per endpoint.</summary>
public static class InputHardeningExtensions
{
    public static IServiceCollection AddInputHardening(this IServiceCollection services)
    {
        services.Configure<HttpJsonOptions>(o => o.SerializerOptions.Converters.Add(new StorableStringConverter()));
        // Binding failures throw (outside Development too), so BadRequestExceptionHandler can name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    public static IApplicationBuilder UseInputHardening(this IApplicationBuilder app) => app.UseMiddleware<InputGuardMiddleware>();
}
