using Microsoft.AspNetCore.Diagnostics;

namespace SupportBot.Api;

/// <summary>
/// Turns request-binding failures (malformed JSON, a body of the wrong shape) into a 400
/// ProblemDetails instead of a 500. ASP.NET Core throws these in Development so the cause is
/// visible; the message names the parameter, never the body's content.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        context.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read",
                Detail = badRequest.Message,
            },
        });
    }
}
