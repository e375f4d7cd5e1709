using Microsoft.Extensions.Options;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data.HelpCenter;

namespace SupportBot.Api.Apis;

/// <summary>
/// The help-article index: managers feed it (one article, or a reindex of the configured folder);
/// agents read current and past versions, e.g. to check what a draft cited.
/// </summary>
public static class HelpArticlesApi
{
    public static RouteGroupBuilder MapHelpArticleEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/help-articles").WithTags("Help articles");

        api.MapGet("/", ListArticles).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("Lists help articles at their current version");
        api.MapGet("/{slug}", GetArticle).RequireAuthorization(AuthorizationPolicies.Agent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The current version of a help article");
        api.MapGet("/{slug}/versions/{version:int}", GetArticleVersion).RequireAuthorization(AuthorizationPolicies.Agent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One version of a help article, current or past");
        api.MapPost("/", UpsertArticle).RequireAuthorization(AuthorizationPolicies.Manager)
            .WithSummary("Adds an article, or records a new version when its content changed");
        api.MapPost("/reindex", Reindex).RequireAuthorization(AuthorizationPolicies.Manager)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Re-reads the configured Markdown folder (HelpCenter:ArticlesPath) and records new versions");
        return api;
    }

    private static async Task<Ok<List<HelpArticleSummary>>> ListArticles(HelpArticleStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Ok<HelpArticleDetail>, ProblemHttpResult>> GetArticle(
        string slug, HelpArticleStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(slug, cancellationToken) is { } article
            ? TypedResults.Ok(article)
            : NotFound($"There is no help article '{slug}'.");

    private static async Task<Results<Ok<HelpArticleDetail>, ProblemHttpResult>> GetArticleVersion(
        string slug, int version, HelpArticleStore store, CancellationToken cancellationToken) =>
        await store.GetVersionAsync(slug, version, cancellationToken) is { } article
            ? TypedResults.Ok(article)
            : NotFound($"There is no version {version} of help article '{slug}'.");

    private static async Task<Results<Created<UpsertHelpArticleResponse>, Ok<UpsertHelpArticleResponse>, ValidationProblem>> UpsertArticle(
        UpsertHelpArticleRequest request, HelpArticleStore store, CancellationToken cancellationToken)
    {
        var source = HelpArticleRules.Normalize(request.Slug, request.Title, request.Body, request.Url, request.Category, request.Language);
        return await store.UpsertOneAsync(source, cancellationToken) switch
        {
            UpsertArticleResult.Saved { Article: { Change: ArticleChange.Added } added } =>
                TypedResults.Created($"/api/help-articles/{added.Slug}", new UpsertHelpArticleResponse(added.Slug, added.Version, Changed: true)),
            UpsertArticleResult.Saved { Article: var saved } =>
                TypedResults.Ok(new UpsertHelpArticleResponse(saved.Slug, saved.Version, saved.Change == ArticleChange.Updated)),
            UpsertArticleResult.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
            var other => throw new InvalidOperationException($"Unexpected result {other}"),
        };
    }

    private static async Task<Results<Ok<ReindexSummary>, ProblemHttpResult>> Reindex(
        IOptionsSnapshot<HelpCenterOptions> options, HelpArticleStore store, CancellationToken cancellationToken)
    {
        if (HelpCenterOptions.Resolve(options.Value.ArticlesPath) is not { } folder)
        {
            return Conflict("No help-article folder configured",
                $"Set {HelpCenterOptions.Section}:ArticlesPath (environment variable {HelpCenterOptions.ArticlesPathVariable}) " +
                "to a folder of Markdown articles and restart the API, or add articles with POST /api/help-articles.");
        }

        try
        {
            return TypedResults.Ok(await store.ReindexFolderAsync(folder, cancellationToken));
        }
        catch (DirectoryNotFoundException)
        {
            return Conflict("Help-article folder not found",
                $"The configured help-article folder {folder} does not exist ({HelpCenterOptions.Section}:ArticlesPath).");
        }
    }

    // TypedResults.Problem rather than NotFound(problem)/Conflict(problem): only it sends application/problem+json.
    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Help article not found");

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);
}
