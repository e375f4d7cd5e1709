using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Cli;
using SupportBot.Drafting.Semantic;
using SupportBot.Embeddings;
using SupportBot.Tests.Infrastructure;
using System.Diagnostics.Metrics;

namespace SupportBot.Tests.Embeddings;

/// <summary>The worker's vector backfill on the test Postgres with the embedded model: complete, idempotent, resumable, re-embedding changed text.</summary>
public sealed class VectorBackfillTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly MiniLmEmbeddingGenerator Model = new();

    [Fact]
    public async Task Embeds_every_ticket_and_article_once_and_again_only_what_changed()
    {
        await using var dataSource = await MigratedDatabaseAsync();
        var ids = new List<Guid>();
        foreach (var (body, reply) in new[]
        {
            ("Webhook deliveries time out", "Raise the timeout under Settings, then Webhooks."),
            ("I forgot my password", "Use the reset link on the sign-in page."),
            ("Refund for a double charge", "We refund double charges within 5 days."),
        })
        {
            ids.Add(await InsertTicketAsync(dataSource, body, reply));
        }

        await InsertArticleAsync(dataSource, "Webhooks", string.Join("\n\n", Enumerable.Repeat("Webhooks send events to your URL. Retries follow a backoff.", 30)));
        var backfill = Backfill(dataSource);

        var first = await backfill.RunAsync(Ct);
        var again = await backfill.RunAsync(Ct);

        Assert.Equal(3, first.Tickets);
        Assert.Equal(1, first.Articles);
        Assert.True(first.ArticleChunks >= 2, $"a 1,800-character article is {first.ArticleChunks} chunk(s)");
        Assert.Equal(0, again.Tickets + again.Articles);
        Assert.Equal(6L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM ticket_vectors WHERE model_id = 'all-MiniLM-L6-v2'"));
        Assert.Equal(384 * 4, await ScalarAsync<int>(dataSource, "SELECT min(length(vector)) FROM ticket_vectors"));

        // The stored vector is the model's vector of the question.
        var stored = VectorMath.FromBytes(await ScalarAsync<byte[]>(dataSource, $"SELECT vector FROM ticket_vectors WHERE ticket_id = '{ids[0]}' AND kind = 'question'"));
        var expected = (await Model.GenerateAsync(["Question\nWebhook deliveries time out"], cancellationToken: Ct))[0].Vector.ToArray();
        Assert.True(VectorMath.Cosine(stored, expected) > 0.9999f);

        // A re-imported ticket with new text (a new content hash) is embedded again; nothing else is.
        await ExecuteAsync(dataSource, $"UPDATE tickets SET body = 'Webhooks fail with 500', content_hash = 'changed' WHERE id = '{ids[0]}'");
        var changed = await backfill.RunAsync(Ct);
        Assert.Equal(1, changed.Tickets);
        Assert.Equal(0, changed.Articles);
    }

    [Fact]
    public async Task A_pass_that_stopped_half_way_resumes_with_what_is_missing()
    {
        await using var dataSource = await MigratedDatabaseAsync();
        var done = await InsertTicketAsync(dataSource, "Export is gone", "Open Reports, then Export.");
        await InsertTicketAsync(dataSource, "Cannot invite a teammate", "Invite from Settings, then Members.");
        // What an earlier pass stored before it was stopped.
        await ExecuteAsync(dataSource, $"""
            INSERT INTO ticket_vectors (ticket_id, kind, model_id, content_hash, vector, created_at)
            SELECT '{done}', k, 'all-MiniLM-L6-v2', 'h', '\x00'::bytea, now() FROM unnest(ARRAY['question', 'reply']) k
            """);

        var resumed = await Backfill(dataSource).RunAsync(Ct);

        Assert.Equal(1, resumed.Tickets);
        Assert.Equal(4L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM ticket_vectors"));
    }

    [Fact]
    public async Task Waits_while_tickets_are_being_written()
    {
        await using var dataSource = await MigratedDatabaseAsync();
        await InsertTicketAsync(dataSource, "Export is gone", "Open Reports, then Export.");

        Assert.False(await Backfill(dataSource, quiet: TimeSpan.FromMinutes(5)).IsQuietAsync(Ct));
        Assert.True(await Backfill(dataSource, quiet: TimeSpan.Zero).IsQuietAsync(Ct));
    }

    private static VectorBackfill Backfill(NpgsqlDataSource dataSource, TimeSpan? quiet = null) => new(
        dataSource, Model, new VectorMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
        Options.Create(new VectorBackfillOptions { BatchSize = 2, Parallelism = 2, QuietPeriod = quiet ?? TimeSpan.Zero }),
        NullLogger<VectorBackfill>.Instance, TimeProvider.System);

    private async Task<NpgsqlDataSource> MigratedDatabaseAsync()
    {
        var connectionString = await stack.CreateDatabaseAsync("vectors");
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.Equal(0, await SupportBotCli.InvokeAsync(["db", "migrate", "--database", connectionString], output, error, Ct));
        }

        return NpgsqlDataSource.Create(connectionString);
    }

    private static async Task<Guid> InsertTicketAsync(NpgsqlDataSource dataSource, string body, string reply)
    {
        var id = Guid.CreateVersion7();
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO tickets (id, external_id, source, category, subject, body, language, created_at, sent_reply, escalated, tags, content_hash, updated_at)
            VALUES ($1, $2, 'historical', 'how-to', 'Question', $3, 'en', now(), $4, false, '{}', 'h', now())
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = $"vec-{id:N}" });
        insert.Parameters.Add(new NpgsqlParameter { Value = body });
        insert.Parameters.Add(new NpgsqlParameter { Value = reply });
        await insert.ExecuteNonQueryAsync(Ct);
        return id;
    }

    private static async Task InsertArticleAsync(NpgsqlDataSource dataSource, string title, string body)
    {
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO help_articles (id, slug, title, body, url, language, version, content_hash, updated_at)
            VALUES ($1, 'webhooks', $2, $3, 'https://help.example/webhooks', 'en', 1, 'a', now())
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        insert.Parameters.Add(new NpgsqlParameter { Value = title });
        insert.Parameters.Add(new NpgsqlParameter { Value = body });
        await insert.ExecuteNonQueryAsync(Ct);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
