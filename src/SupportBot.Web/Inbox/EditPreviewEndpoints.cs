using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportBot.Contracts;
using SupportBot.Web.Api;
using SupportBot.Web.Auth;

namespace SupportBot.Web.Inbox;

/// <summary>What sending the reply as it stands would record, and how it differs from the draft.</summary>
public sealed record EditPreview(string EditType, double WordEditDistance, double CharEditDistance, IReadOnlyList<DiffSegment> Diff);

/// <param name="DraftId">The draft being edited: the server reads its text from the API, so the page never sends it back.</param>
/// <param name="Text">The reply as the agent has it now.</param>
public sealed record EditPreviewRequest(Guid DraftId, string? Text);

public static class EditPreviewEndpoints
{
    public const string Path = "/inbox/preview";

    /// <summary>
    /// The inbox's live preview (wwwroot/inbox.js posts the reply box here as the agent types): the API's edit type and
    /// distances (POST /api/edits/classify, which records nothing) and the word diff. The antiforgery token of the
    /// reply form goes in a header, so no other site can use an agent's session for it.
    /// </summary>
    public static IEndpointRouteBuilder MapEditPreviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, PreviewAsync).RequireAuthorization(ConsolePolicies.Agent).DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<EditPreview>, ProblemHttpResult, ValidationProblem>> PreviewAsync(
        EditPreviewRequest request, HttpContext context, IAntiforgery antiforgery, SupportBotApiClient api, CancellationToken cancellationToken)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.");
        }

        DraftView draft;
        try
        {
            draft = await api.GetDraftAsync(request.DraftId, cancellationToken);
        }
        catch (ApiProblemException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: ex.Summary);
        }

        try
        {
            var edit = await api.ClassifyEditAsync(new ClassifyEditRequest(draft.Text, request.Text), cancellationToken);
            return TypedResults.Ok(new EditPreview(edit.EditType, edit.WordEditDistance, edit.CharEditDistance, WordDiff.Compute(draft.Text, request.Text ?? "")));
        }
        catch (ApiProblemException ex) when (ex.Status == HttpStatusCode.BadRequest)
        {
            // The API names the reply "sent"; the page's field is the reply box ("text").
            var errors = ex.Errors.ToDictionary(e => e.Key == "sent" ? "text" : e.Key, e => e.Value);
            return TypedResults.ValidationProblem(errors, title: ex.Title);
        }
    }
}
