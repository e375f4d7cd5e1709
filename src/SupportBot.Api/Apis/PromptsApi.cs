using System.Security.Claims;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data.Entities;
using SupportBot.Drafting.Prompts;
using SupportBot.Models;

namespace SupportBot.Api.Apis;

/// <summary>Versioned prompts: list, add a version, move a label (production, candidate...).</summary>
public static class PromptsApi
{
    private const int MaxTemplateLength = 20_000;

    public static RouteGroupBuilder MapPromptEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/prompts").WithTags("Prompts");
        api.MapGet("/", List).RequireAuthorization(AuthorizationPolicies.Agent).WithSummary("Prompt versions, newest first");
        api.MapPost("/", Create).RequireAuthorization(AuthorizationPolicies.Manager).WithSummary("Adds the next version of a prompt");
        api.MapPut("/{name}/labels/{label}", MoveLabel).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Puts a label on one version of a prompt, taking it off the others; production (once a prompt has it) needs a passing comparison or force with a reason: 409");
        return api;
    }

    private static async Task<Ok<List<PromptVersionView>>> List(string? name, PromptStore prompts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await prompts.ListAsync(name, cancellationToken)).Select(ToView).ToList());

    private static async Task<Results<Created<PromptVersionView>, ValidationProblem, Conflict<ProblemDetails>>> Create(
        CreatePromptVersionRequest request, PromptStore prompts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsValidName(request.Name))
        {
            errors["name"] = ["A name of 1 to 100 characters: lower-case letters, digits and dashes."];
        }

        if (string.IsNullOrWhiteSpace(request.Template))
        {
            errors["template"] = ["A template is required."];
        }
        else if (request.Template.Length > MaxTemplateLength)
        {
            errors["template"] = [$"The template may be at most {MaxTemplateLength} characters."];
        }

        if (request.Settings is { Temperature: < 0 or > 2 })
        {
            errors["settings.temperature"] = ["The temperature must be between 0 and 2."];
        }

        if (request.Settings is { MaxOutputTokens: < 1 or > 32_000 })
        {
            errors["settings.maxOutputTokens"] = ["maxOutputTokens must be between 1 and 32000."];
        }

        if (request.Labels is { } labels && labels.Any(l => !IsValidName(l)))
        {
            errors["labels"] = ["Labels are 1 to 100 characters: lower-case letters, digits and dashes."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A version that does not exist yet has no comparison: it cannot take production from a version that drafts now.
        if (request.Labels?.Contains(PromptLabels.Production) == true && await ProductionVersionAsync(prompts, request.Name!, cancellationToken) is { } current)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "Production needs a comparison",
                Detail = $"Prompt '{request.Name}' has production version {current}: create the new version without the production label, compare it " +
                         "(`supportbot model compare --candidate <production model> --prompt-version N`), then PUT /api/prompts/{name}/labels/production " +
                         "(or force it there with a reason).",
                Status = StatusCodes.Status409Conflict,
            });
        }

        var defaults = new PromptSettings();
        var settings = new PromptSettings(
            request.Settings?.Model,
            request.Settings?.Temperature ?? defaults.Temperature,
            request.Settings?.MaxOutputTokens ?? defaults.MaxOutputTokens);
        var created = await prompts.CreateAsync(request.Name!, request.Template!, settings, request.Labels ?? [], cancellationToken);
        return TypedResults.Created($"/api/prompts?name={created.Name}", ToView(created));
    }

    private static async Task<Results<Ok<PromptVersionView>, NotFound<ProblemDetails>, ValidationProblem, Conflict<ProblemDetails>>> MoveLabel(
        string name, string label, MovePromptLabelRequest request, PromptStore prompts, ModelSwitch models, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Version is not { } version || !IsValidName(label))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [request.Version is null ? "version" : "label"] = [request.Version is null ? "The version to label is required." : "Labels are lower-case letters, digits and dashes."],
            });
        }

        try
        {
            if (label == PromptLabels.Production && await ProductionVersionAsync(prompts, name, cancellationToken) is { } current)
            {
                var target = await prompts.ResolveAsync(name, null, version, cancellationToken);
                if (target.Version == current)
                {
                    return TypedResults.Ok(ToView(target));
                }

                // What drafts for customers changes: the audited switch's rule, not a plain label move.
                var outcome = await models.MoveProductionLabelAsync(name, version, request.Force, request.Reason, user.FindFirstValue(ClaimTypes.Name) ?? "unknown", cancellationToken);
                if (outcome.Errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(outcome.Errors);
                }

                return outcome.Change is null
                    ? TypedResults.Conflict(ModelsApi.Refused(outcome.Refusals))
                    : TypedResults.Ok(ToView((await prompts.ListAsync(name, cancellationToken)).Single(p => p.Version == version)));
            }

            return TypedResults.Ok(ToView(await prompts.MoveLabelAsync(name, label, version, cancellationToken)));
        }
        catch (PromptNotFoundException ex)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "Prompt version not found", Detail = ex.Message, Status = StatusCodes.Status404NotFound });
        }
    }

    /// <summary>The version labelled production, or null while the prompt has none (its first production label needs no comparison).</summary>
    private static async Task<int?> ProductionVersionAsync(PromptStore prompts, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await prompts.ResolveAsync(name, PromptLabels.Production, null, cancellationToken)).Version;
        }
        catch (PromptNotFoundException)
        {
            return null;
        }
    }

    private static bool IsValidName(string? value) =>
        value is { Length: > 0 and <= 100 } && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static PromptVersionView ToView(PromptVersion prompt)
    {
        var settings = PromptSettings.FromJson(prompt.Settings);
        return new PromptVersionView(prompt.Name, prompt.Version, prompt.Template,
            new PromptSettingsDto(settings.Model, settings.Temperature, settings.MaxOutputTokens), prompt.Labels, prompt.CreatedAt);
    }
}
