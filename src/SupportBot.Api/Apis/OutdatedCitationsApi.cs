using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.HelpCenter;

namespace SupportBot.Api.Apis;

/// <summary>
/// Drafts that cite a help-article version older than the current one, per category and article: the stale-article
/// loop as a number (each such draft's trace also carries a <c>cites_outdated_article</c> score).
/// </summary>
public static class OutdatedCitationsApi
{
    private const int DefaultDays = 30;

    public static IEndpointRouteBuilder MapOutdatedCitationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/outdated-citations", Report)
            .RequireAuthorization(AuthorizationPolicies.Agent)
            .WithTags("Help articles")
            .WithSummary("Drafts made since ?since (default 30 days) that cite an outdated help-article version, per category and article");
        return app;
    }

    private static async Task<Ok<OutdatedCitationReport>> Report(
        SupportBotDbContext db, TimeProvider clock, CancellationToken cancellationToken, string? category = null, DateTimeOffset? since = null) =>
        TypedResults.Ok(await OutdatedCitations.ReportAsync(db, string.IsNullOrWhiteSpace(category) ? null : category,
            since ?? clock.GetUtcNow().AddDays(-DefaultDays), cancellationToken));
}
