using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Data.HelpCenter;

/// <summary>
/// The help-article index: every change of content becomes a new numbered version, old versions
/// are kept so a draft's citations (slug + version) stay readable after the article moves on.
/// Shared by the API and the CLI.
/// </summary>
public sealed class HelpArticleStore(SupportBotDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Serializes writers (CLI and API reindexing at once): both would otherwise read version n
    /// and both try to record n + 1. Transaction-scoped, so a crash cannot leave it held.
    /// </summary>
    private const long WriteLock = 0x5355_5050_4f52_5401; // "SUPPORT" + 1

    /// <summary>Reads a folder of Markdown articles and upserts the valid ones; bad files are in the summary's errors.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public async Task<ReindexSummary> ReindexFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var contents = MarkdownArticleFolder.Read(folder);
        var summary = await UpsertAsync(contents.Articles, cancellationToken);
        return summary with { Errors = [.. contents.Errors, .. summary.Errors] };
    }

    /// <summary>
    /// Records a new version of every article whose content changed, in one transaction. Invalid
    /// articles and repeated slugs are skipped and reported; the others are still written.
    /// </summary>
    public async Task<ReindexSummary> UpsertAsync(IEnumerable<HelpArticleSource> sources, CancellationToken cancellationToken)
    {
        var valid = new List<HelpArticleSource>();
        var errors = new List<ReindexError>();
        var seen = new HashSet<string>();
        foreach (var source in sources)
        {
            var problems = HelpArticleRules.Validate(source);
            if (problems.Count > 0)
            {
                errors.Add(new ReindexError(null, source.Slug, HelpArticleRules.Describe(problems)));
            }
            else if (!seen.Add(source.Slug))
            {
                errors.Add(new ReindexError(null, source.Slug, $"the slug '{source.Slug}' appears more than once; only the first was used"));
            }
            else
            {
                valid.Add(source);
            }
        }

        var results = await WriteAsync(valid, cancellationToken);
        await MarkOutdatedCitationsAsync(results, cancellationToken);
        return new ReindexSummary(
            results.Count(r => r.Change == ArticleChange.Added),
            results.Count(r => r.Change == ArticleChange.Updated),
            results.Count(r => r.Change == ArticleChange.Unchanged),
            errors);
    }

    public async Task<UpsertArticleResult> UpsertOneAsync(HelpArticleSource source, CancellationToken cancellationToken)
    {
        var errors = HelpArticleRules.Validate(source);
        if (errors.Count > 0)
        {
            return new UpsertArticleResult.Invalid(errors);
        }

        var result = (await WriteAsync([source], cancellationToken)).Single();
        await MarkOutdatedCitationsAsync([result], cancellationToken);
        return new UpsertArticleResult.Saved(result);
    }

    /// <summary>A new version is the only moment a draft's citation can go stale (see <see cref="OutdatedCitations"/>).</summary>
    private async Task MarkOutdatedCitationsAsync(IReadOnlyCollection<ArticleUpsert> results, CancellationToken cancellationToken)
    {
        if (results.Any(r => r.Change == ArticleChange.Updated))
        {
            await OutdatedCitations.MarkAsync(db, clock, cancellationToken);
        }
    }

    public Task<HelpArticleDetail?> GetAsync(string slug, CancellationToken cancellationToken) =>
        db.HelpArticles
            .Where(a => a.Slug == slug)
            .Select(a => new HelpArticleDetail(a.Slug, a.Version, a.Version, a.Title, a.Body, a.Url, a.Category, a.Language, a.ContentHash, a.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<HelpArticleDetail?> GetVersionAsync(string slug, int version, CancellationToken cancellationToken) =>
        db.HelpArticles
            .Where(a => a.Slug == slug)
            .Join(db.HelpArticleVersions.Where(v => v.Version == version), a => a.Id, v => v.ArticleId, (a, v) =>
                new HelpArticleDetail(a.Slug, v.Version, a.Version, v.Title, v.Body, v.Url, v.Category, v.Language, v.ContentHash, v.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<List<HelpArticleSummary>> ListAsync(CancellationToken cancellationToken) =>
        db.HelpArticles
            .OrderBy(a => a.Slug)
            .Select(a => new HelpArticleSummary(a.Slug, a.Title, a.Version, a.Category, a.Language, a.UpdatedAt))
            .ToListAsync(cancellationToken);

    private Task<List<ArticleUpsert>> WriteAsync(List<HelpArticleSource> sources, CancellationToken cancellationToken)
    {
        if (sources.Count == 0)
        {
            return Task.FromResult(new List<ArticleUpsert>());
        }

        return db.InTransactionAsync(async ct =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriteLock})", ct);

            var slugs = sources.Select(s => s.Slug).ToList();
            var existing = await db.HelpArticles.Where(a => slugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, ct);
            var now = clock.GetUtcNow();
            var results = new List<ArticleUpsert>(sources.Count);
            foreach (var source in sources)
            {
                var hash = source.ContentHash();
                if (!existing.TryGetValue(source.Slug, out var article))
                {
                    article = new HelpArticle
                    {
                        Id = Guid.CreateVersion7(),
                        Slug = source.Slug,
                        Title = source.Title,
                        Body = source.Body,
                        Url = source.Url,
                        Category = source.Category,
                        Language = source.Language,
                        Version = 1,
                        ContentHash = hash,
                        UpdatedAt = now,
                    };
                    db.HelpArticles.Add(article);
                    db.HelpArticleVersions.Add(VersionOf(article));
                    results.Add(new ArticleUpsert(source.Slug, 1, ArticleChange.Added));
                }
                else if (article.ContentHash != hash)
                {
                    (article.Title, article.Body, article.Url, article.Category, article.Language) =
                        (source.Title, source.Body, source.Url, source.Category, source.Language);
                    (article.ContentHash, article.Version, article.UpdatedAt) = (hash, article.Version + 1, now);
                    db.HelpArticleVersions.Add(VersionOf(article));
                    results.Add(new ArticleUpsert(source.Slug, article.Version, ArticleChange.Updated));
                }
                else
                {
                    results.Add(new ArticleUpsert(source.Slug, article.Version, ArticleChange.Unchanged));
                }
            }

            await db.SaveChangesAsync(ct);
            return results;
        }, cancellationToken);
    }

    private static HelpArticleVersion VersionOf(HelpArticle article) => new()
    {
        ArticleId = article.Id,
        Version = article.Version,
        Title = article.Title,
        Body = article.Body,
        Url = article.Url,
        Category = article.Category,
        Language = article.Language,
        ContentHash = article.ContentHash,
        CreatedAt = article.UpdatedAt,
    };
}
