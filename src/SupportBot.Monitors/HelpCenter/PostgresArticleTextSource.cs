using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportBot.Monitors.HelpCenter;

/// <summary>
/// The current help articles from Postgres, re-read when the help center's stamp (count, sum of versions, latest
/// update) changed, checked at most every <see cref="MonitorOptions.ArticleRefreshInterval"/>: a reindex reaches the
/// monitors within seconds, and an unchanged help center is never reloaded (nor its sentences re-embedded).
/// <see cref="RefreshAsync"/> checks the stamp now: a monitor about to flag a link or a citation the cached copy does
/// not know asks first, so an article published a second before the bot cited it is not called invented.
/// </summary>
public sealed class PostgresArticleTextSource(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<MonitorOptions> options) : IArticleTextSource, IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private (ArticleTexts Texts, string Stamp, DateTimeOffset CheckedAt)? _cached;

    public async ValueTask<ArticleTexts> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && clock.GetUtcNow() - fresh.CheckedAt < options.Value.ArticleRefreshInterval)
        {
            return fresh.Texts;
        }

        return await LoadAsync(checkedSince: clock.GetUtcNow() - options.Value.ArticleRefreshInterval, cancellationToken);
    }

    public async ValueTask<ArticleTexts> RefreshAsync(CancellationToken cancellationToken) =>
        await LoadAsync(checkedSince: clock.GetUtcNow(), cancellationToken);

    /// <summary>The cached copy if its stamp was checked at or after <paramref name="checkedSince"/> (a check another caller finished while this one waited counts), else a stamp check and, if it changed, a reload.</summary>
    private async Task<ArticleTexts> LoadAsync(DateTimeOffset checkedSince, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.CheckedAt >= checkedSince)
            {
                return again.Texts;
            }

            var stamp = await StampAsync(cancellationToken);
            if (_cached is { } known && known.Stamp == stamp)
            {
                _cached = known with { CheckedAt = clock.GetUtcNow() };
                return known.Texts;
            }

            var articles = new List<ArticleText>();
            await using (var command = dataSource.CreateCommand("SELECT slug, url, title, body, version FROM help_articles ORDER BY slug"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    articles.Add(new ArticleText(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
                }
            }

            var texts = new ArticleTexts(articles);
            _cached = (texts, stamp, clock.GetUtcNow());
            return texts;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<string> StampAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*), coalesce(sum(version), 0), coalesce(max(updated_at), 'epoch') FROM help_articles");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return $"{reader.GetInt64(0)}:{reader.GetInt64(1)}:{reader.GetDateTime(2):O}";
    }

    public void Dispose() => _loading.Dispose();
}
