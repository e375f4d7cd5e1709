using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Signals;

namespace SupportBot.Api.Apis;

/// <summary>
/// A preview of what sending a reply would record (edit type and distances), with the worker's own
/// classifier, so a UI can show it before the agent sends. Records nothing.
/// </summary>
public static class EditsApi
{
    public static IEndpointRouteBuilder MapEditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/edits").WithTags("Signals").RequireAuthorization(AuthorizationPolicies.Agent)
            .MapPost("/classify", Classify)
            .WithSummary("The edit type and edit distances that sending `sent` for `draft` would record; nothing is recorded");
        return app;
    }

    private static async Task<Results<Ok<EditClassification>, ValidationProblem>> Classify(
        ClassifyEditRequest request, SignalScoring scoring, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "draft", request.Draft);
        Check(errors, "sent", request.Sent);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var edit = await scoring.MeasureAsync(request.Draft!, request.Sent!, cancellationToken);
        return TypedResults.Ok(new EditClassification(edit.EditType, edit.WordDistance, edit.CharDistance));
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {field} text is required."];
        }
        else if (value.Length > TextLimits.SentReply)
        {
            errors[field] = [$"The {field} text may be at most {TextLimits.SentReply} characters (got {value.Length})."];
        }
    }
}
