using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>The help-article slugs and URLs at one moment: what a grounded draft may point to.</summary>
public sealed class HelpArticleIndexSnapshot
{
    private readonly Dictionary<string, string> _urlsBySlug;
    private readonly Dictionary<string, string> _slugsByUrl;

    public HelpArticleIndexSnapshot(IEnumerable<(string Slug, string Url)> articles)
    {
        _urlsBySlug = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (slug, url) in articles)
        {
            _urlsBySlug[slug] = url;
        }

        _slugsByUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (slug, url) in _urlsBySlug)
        {
            _slugsByUrl[NormalizeUrl(url)] = slug;
        }

        HelpCenterHosts = _urlsBySlug.Values
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.Host.ToLowerInvariant() : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    public int Count => _urlsBySlug.Count;

    /// <summary>Hosts the articles live on: a URL there that is not an article is an invented one.</summary>
    public IReadOnlySet<string> HelpCenterHosts { get; }

    public bool HasSlug(string slug) => _urlsBySlug.ContainsKey(slug);

    public bool HasUrl(string url) => _slugsByUrl.ContainsKey(NormalizeUrl(url));

    public string? UrlOf(string slug) => _urlsBySlug.GetValueOrDefault(slug);

    /// <summary>The slug of the article at <paramref name="url"/>, or null.</summary>
    public string? SlugOf(string url) => _slugsByUrl.GetValueOrDefault(NormalizeUrl(url));

    /// <summary>Scheme and host lower-cased; query, fragment and a trailing slash dropped.</summary>
    public static string NormalizeUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return url.Trim().TrimEnd('/');
        }

        return $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}".ToLowerInvariant().TrimEnd('/');
    }
}

/// <summary>Where graders get the help-article index from.</summary>
public interface IHelpArticleIndex
{
    ValueTask<HelpArticleIndexSnapshot> GetSnapshotAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Reads <c>help_articles</c> (slug, url) from Postgres once and keeps the snapshot for the life of
/// the scope it lives in (one grader, i.e. one experiment run) or <see cref="GroundingOptions.SnapshotTtl"/>,
/// whichever ends first. So a help-center reindex is seen by the next run, and by a long run after the TTL.
/// </summary>
public sealed class PostgresHelpArticleIndex(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<GroundingOptions> options) : IHelpArticleIndex, IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private (HelpArticleIndexSnapshot Snapshot, DateTimeOffset LoadedAt)? _cached;

    public async ValueTask<HelpArticleIndexSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            var articles = new List<(string, string)>();
            await using var command = dataSource.CreateCommand("SELECT slug, url FROM help_articles");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                articles.Add((reader.GetString(0), reader.GetString(1)));
            }

            var snapshot = new HelpArticleIndexSnapshot(articles);
            _cached = (snapshot, clock.GetUtcNow());
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private HelpArticleIndexSnapshot? Fresh() =>
        _cached is { } cached && clock.GetUtcNow() - cached.LoadedAt < options.Value.SnapshotTtl ? cached.Snapshot : null;
}

/// <summary>A fixed index, for benchmarks and unit tests of pure logic.</summary>
public sealed class FixedHelpArticleIndex(HelpArticleIndexSnapshot snapshot) : IHelpArticleIndex
{
    public ValueTask<HelpArticleIndexSnapshot> GetSnapshotAsync(CancellationToken cancellationToken) => ValueTask.FromResult(snapshot);
}
