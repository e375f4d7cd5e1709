using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SupportBot.Web.Api;

namespace SupportBot.Web.Auth;

/// <summary>
/// A key revoked (or rotated) while its session lives makes the API answer 401 on the next page: the session ends and
/// the user lands on sign-in with a message, instead of an error page.
/// </summary>
internal sealed class ExpiredSessionMiddleware(RequestDelegate next)
{
    public const string ExpiredQuery = "expired";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsExpired(ex) && !context.Response.HasStarted)
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            context.Response.Redirect($"{ConsoleAuthentication.SignInPath}?{ExpiredQuery}=1");
        }
    }

    private static bool IsExpired(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is ApiSessionExpiredException)
            {
                return true;
            }

            if (ex is AggregateException aggregate && aggregate.InnerExceptions.Any(IsExpired))
            {
                return true;
            }
        }

        return false;
    }
}
