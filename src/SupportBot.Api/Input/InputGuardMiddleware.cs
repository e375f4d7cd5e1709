using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using SupportBot.Contracts;

namespace SupportBot.Api.Input;

/// <summary>
/// The one check of what arrives outside a JSON body (JSON strings go through
/// <see cref="StorableStringConverter"/>): query and route values must be text Postgres can store
/// (400 naming the parameter), and the body must fit the endpoint's size limit (413). Runs after
/// routing, so route values and the endpoint's <see cref="IRequestSizeLimitMetadata"/> are known.
/// </summary>
internal sealed class InputGuardMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, values) in context.Request.Query)
        {
            if (!StorableText.IsStorable(key) || values.Any(v => !StorableText.IsStorable(v)))
            {
                errors[StorableText.IsStorable(key) ? key : "query"] = [$"The query parameter {StorableText.Problem}."];
            }
        }

        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (value is string text && !StorableText.IsStorable(text))
            {
                errors[key] = [$"The path segment {StorableText.Problem}."];
            }
        }

        if (errors.Count > 0)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new HttpValidationProblemDetails(errors) { Title = "One or more validation errors occurred." });
            return;
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? RequestLimits.DefaultBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, new ProblemDetails
            {
                Title = "The request body is too large",
                Detail = $"This operation accepts at most {limit:N0} bytes ({context.Request.ContentLength:N0} sent).",
            });
            return;
        }

        // A body without a Content-Length (chunked) is cut off while it is read: the server throws a
        // 413 BadHttpRequestException, which BadRequestExceptionHandler turns into a ProblemDetails.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        // Endpoints answer errors with TypedResults.NotFound(problem) and the like, which write the
        // ProblemDetails as plain application/json; clients (and RFC 9457) expect the problem type.
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode >= 400 && context.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
            {
                context.Response.ContentType = "application/problem+json";
            }

            return Task.CompletedTask;
        });
        await next(context);
    }

    private async Task WriteAsync(HttpContext context, int status, ProblemDetails problem)
    {
        problem.Status = status;
        context.Response.StatusCode = status;
        await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
