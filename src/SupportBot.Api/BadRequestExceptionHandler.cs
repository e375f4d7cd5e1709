using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace SupportBot.Api;

/// <summary>
/// Turns request-binding failures (malformed JSON, a value of the wrong type, text that cannot be
/// stored, a body over the size limit) into a ProblemDetails with the reader's status (400, 413,
/// 415) instead of a 500. JSON failures are field errors under the JSON path's property name; the
/// message names the field, never the body's content.
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
        var problem = badRequest.InnerException is JsonException json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json.Path)] = [MessageOf(json)] })
            {
                Title = "The request body is not valid JSON for this operation",
                Detail = badRequest.Message,
            }
            : new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request could not be read",
                Detail = badRequest.Message,
            };
        problem.Status = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>"$.subject" → "subject", "$.tags[2]" → "tags[2]"; the whole body ("$" or unknown) → "body".</summary>
    internal static string FieldOf(string? path) => path switch
    {
        null or "" or "$" => "body",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith('$') => path[1..],
        _ => path,
    };

    /// <summary>The serializer appends " Path: … | LineNumber: …" to its own messages; the field is the key already.</summary>
    private static string MessageOf(JsonException json)
    {
        var at = json.Message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (at < 0)
        {
            at = json.Message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return at < 0 ? json.Message : json.Message[..at].TrimEnd();
    }
}
