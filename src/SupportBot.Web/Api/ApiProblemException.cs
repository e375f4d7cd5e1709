using System.Net;

namespace SupportBot.Web.Api;

/// <summary>
/// The API refused a call with a ProblemDetails answer. <see cref="Errors"/> holds its field errors (400), keyed by the
/// request's JSON field names, so a page can show each next to the input it came from.
/// </summary>
public sealed class ApiProblemException(HttpStatusCode status, string title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception(detail ?? title)
{
    public HttpStatusCode Status { get; } = status;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The message for the page: the API's detail, else its title.</summary>
    public string Summary => string.IsNullOrWhiteSpace(Detail) ? Title : Detail;
}

/// <summary>
/// The API answered 401 to the signed-in user's key: it was revoked or never valid any more. The console ends the
/// session and sends the user back to sign-in (<see cref="Auth.ExpiredSessionMiddleware"/>).
/// </summary>
public sealed class ApiSessionExpiredException() : Exception("The API key of this session is unknown or has been revoked.");
