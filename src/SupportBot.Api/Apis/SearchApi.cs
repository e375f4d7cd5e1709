using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Drafting.Retrieval;

namespace SupportBot.Api.Apis;

/// <summary>The retrieval the agent uses, open to the support team: similar resolved tickets and help articles.</summary>
public static class SearchApi
{
    private const int MaxQueryLength = 4_000;
    private const int MaxLimit = 50;

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Search)
            .RequireAuthorization(AuthorizationPolicies.Agent)
            .WithTags("Search")
            .WithSummary("Similar resolved tickets and relevant help articles for a text");
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> Search(
        string? q, string? language, string? category, int? limit, Retriever retriever, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q))
        {
            errors["q"] = ["A query text is required."];
        }
        else if (q.Length > MaxQueryLength)
        {
            errors["q"] = [$"The query may be at most {MaxQueryLength} characters."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"The limit must be between 1 and {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = new RetrievalQuery(q!, string.IsNullOrWhiteSpace(language) ? "en" : language, category, limit ?? 5);
        var retrieval = await retriever.RetrieveAsync(query, cancellationToken);
        var tickets = retrieval.Tickets;
        var articles = retrieval.Articles.Rank(query.Category, query.Limit);
        return TypedResults.Ok(new SearchResponse(
            [.. tickets.Select(t => new SearchTicketHit(t.Id, t.ExternalId, t.Category, t.Subject, t.Reply, t.Escalated, t.Language, Math.Round(t.Score, 4)))],
            [.. articles.Select(a => new SearchArticleHit(a.Slug, a.Version, a.Title, a.Url, a.Category, a.Language, Math.Round(a.Score, 4)))]));
    }
}
