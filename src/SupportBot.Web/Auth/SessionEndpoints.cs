using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SupportBot.Web.Auth;

public static class SessionEndpoints
{
    /// <summary>Sign-out is a POST with the antiforgery token, so no other site can end a session with a link or an image.</summary>
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ConsoleAuthentication.SignOutPath, SignOutAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form's antiforgery token is missing or invalid.");
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect($"{ConsoleAuthentication.SignInPath}?signedOut=1");
    }
}
