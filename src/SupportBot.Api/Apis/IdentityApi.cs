using System.Security.Claims;
using SupportBot.Contracts;

namespace SupportBot.Api.Apis;

public static class IdentityApi
{
    public static RouteGroupBuilder MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Identity");
        api.MapGet("/me", WhoAmI)
            .WithSummary("The key name and role behind the calling API key");
        return api;
    }

    private static Ok<CallerIdentity> WhoAmI(ClaimsPrincipal user) =>
        TypedResults.Ok(new CallerIdentity(user.Identity?.Name ?? "", user.FindFirstValue(ClaimTypes.Role) ?? ""));
}
