using Npgsql;
using SupportBot.Cli;
using SupportBot.Data.HelpCenter;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>What the help-article tables hold for one slug, read with plain SQL so the tests do not trust the store they check.</summary>
public static class HelpArticleDatabase
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(int Version, string Body)?> CurrentAsync(this StackFixture stack, string slug)
    {
        var rows = await QueryAsync(stack, "SELECT version, body FROM help_articles WHERE slug = $1", slug);
        return rows.Count == 0 ? null : rows.Single();
    }

    public static Task<List<(int Version, string Body)>> VersionsAsync(this StackFixture stack, string slug) =>
        QueryAsync(stack, """
            SELECT v.version, v.body FROM help_article_versions v JOIN help_articles a ON a.id = v.article_id
            WHERE a.slug = $1 ORDER BY v.version
            """, slug);

    /// <summary>The generated search column, queried the way retrieval does, in the article's own language.</summary>
    public static async Task<bool> MatchesSearchAsync(this StackFixture stack, string slug, string words)
    {
        await using var db = new NpgsqlConnection(stack.Postgres.ConnectionString);
        await db.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT search_vector @@ plainto_tsquery(supportbot_search_config(language), $2) FROM help_articles WHERE slug = $1", db)
        {
            Parameters = { new() { Value = slug }, new() { Value = words } },
        };
        return (bool)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>A store on its own connection, the way the CLI uses it.</summary>
    public static async Task<T> WithStoreAsync<T>(this StackFixture stack, Func<HelpArticleStore, Task<T>> action)
    {
        await using var db = DatabaseConnection.Open(stack.Postgres.ConnectionString);
        return await action(new HelpArticleStore(db, TimeProvider.System));
    }

    private static async Task<List<(int Version, string Body)>> QueryAsync(StackFixture stack, string sql, string slug)
    {
        await using var db = new NpgsqlConnection(stack.Postgres.ConnectionString);
        await db.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, db) { Parameters = { new() { Value = slug } } };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return rows;
    }
}
