using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data.Scores;

namespace SupportBot.Data.HelpCenter;

/// <summary>
/// The stale-article loop made visible: a draft citing an article version older than the article's current version
/// gets a <c>cites_outdated_article</c> score, so "troubleshooting drafts keep citing the old export dialog" is a
/// number per category before anyone reads traces. Marked whenever an article gets a new version (the only moment a
/// citation can go stale); one score per draft, whatever the number of stale citations (the comment lists them).
/// </summary>
public static class OutdatedCitations
{
    /// <summary>Marks every draft whose citations went stale and is not marked yet; returns how many it marked.</summary>
    public static Task<int> MarkAsync(SupportBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO scores (id, trace_id, name, data_type, numeric_value, string_value, comment, source, idempotency_key, created_at)
            SELECT gen_random_uuid(), d.trace_id, {ReviewScoreDefinitions.CitesOutdatedArticle}, 'boolean', 1, 'true',
                   string_agg(format('%s v%s (current v%s)', c.slug, c.version, a.version), '; ' ORDER BY c.slug),
                   'evaluator', {ReviewScoreDefinitions.CitesOutdatedArticle} || ':' || d.trace_id, {now}
            FROM drafts d
            CROSS JOIN LATERAL jsonb_to_recordset(d.citations::jsonb) AS c(slug text, version int)
            JOIN help_articles a ON a.slug = c.slug
            WHERE c.version < a.version
            GROUP BY d.trace_id
            ON CONFLICT (idempotency_key) DO NOTHING
            """, cancellationToken);
    }

    /// <summary>Drafts made since <paramref name="since"/> that cite an outdated version, per category and article.</summary>
    public static async Task<OutdatedCitationReport> ReportAsync(SupportBotDbContext db, string? category, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<OutdatedRow>($"""
            SELECT d.id AS draft_id, d.category, c.slug, c.version AS cited_version, a.version AS current_version
            FROM drafts d
            CROSS JOIN LATERAL jsonb_to_recordset(d.citations::jsonb) AS c(slug text, version int)
            JOIN help_articles a ON a.slug = c.slug
            WHERE c.version < a.version AND d.created_at >= {since} AND ({category}::text IS NULL OR d.category = {category}::text)
            """).ToListAsync(cancellationToken);
        var categories = rows.GroupBy(r => r.Category)
            .Select(g => new OutdatedCitationCategory(
                g.Key,
                g.Select(r => r.DraftId).Distinct().Count(),
                [.. g.GroupBy(r => (r.Slug, r.CitedVersion, r.CurrentVersion))
                    .Select(a => new OutdatedCitationArticle(a.Key.Slug, a.Key.CitedVersion, a.Key.CurrentVersion, a.Select(r => r.DraftId).Distinct().Count()))
                    .OrderByDescending(a => a.Drafts).ThenBy(a => a.Slug, StringComparer.Ordinal)]))
            .OrderByDescending(c => c.Drafts).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
        return new OutdatedCitationReport(rows.Select(r => r.DraftId).Distinct().Count(), categories);
    }

    private sealed record OutdatedRow(Guid DraftId, string Category, string Slug, int CitedVersion, int CurrentVersion);
}
