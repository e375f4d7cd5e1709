using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Embeddings;

namespace SupportBot.Drafting.Semantic;

/// <summary>What one backfill pass did.</summary>
public sealed record VectorBackfillResult(int Tickets, int ArticleChunks, int Articles, TimeSpan Elapsed)
{
    public double TextsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : (2.0 * Tickets + ArticleChunks) / Elapsed.TotalSeconds;
}

/// <summary>
/// Embeds historical tickets (question and reply) and help-article chunks that have no vector of the
/// current model, or whose content changed since (content hash), and stores the vectors in Postgres.
/// Each batch is committed on its own and only missing vectors are computed, so a pass that stops —
/// a restart, a crash — resumes where it was, and a second pass over finished work does nothing.
/// </summary>
public sealed partial class VectorBackfill(
    NpgsqlDataSource dataSource,
    [FromKeyedServices(EmbeddingsServiceCollectionExtensions.Bulk)] IEmbeddingGenerator<string, Embedding<float>> generator,
    VectorMetrics metrics,
    IOptions<VectorBackfillOptions> options,
    ILogger<VectorBackfill> logger,
    TimeProvider clock)
{
    public string ModelId { get; } = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";

    // Anti-join on the vectors' primary key: tickets leave the set as their vectors are stored.
    private const string MissingTickets = $"""
        FROM tickets t
        WHERE t.source = '{TicketSources.Historical}' AND t.sent_reply IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ticket_vectors v
                          WHERE v.ticket_id = t.id AND v.kind = '{TicketVectorKinds.Reply}' AND v.model_id = $1 AND v.content_hash = t.content_hash)
        """;

    private const string MissingArticles = """
        FROM help_articles a
        WHERE NOT EXISTS (SELECT 1 FROM article_chunk_vectors v WHERE v.article_id = a.id AND v.model_id = $1 AND v.content_hash = a.content_hash)
        """;

    /// <summary>Whether tickets are being written now (an import): then the backfill waits, so the import keeps the machine.</summary>
    public async Task<bool> IsQuietAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT max(updated_at) FROM tickets");
        var last = await command.ExecuteScalarAsync(cancellationToken);
        return last is not DateTime and not DateTimeOffset
            || clock.GetUtcNow() - (last is DateTime dt ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : (DateTimeOffset)last) >= options.Value.QuietPeriod;
    }

    public async Task<(long Tickets, long Articles)> PendingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT (SELECT count(*) {MissingTickets}), (SELECT count(*) {MissingArticles})");
        command.Parameters.Add(new NpgsqlParameter { Value = ModelId, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var pending = (reader.GetInt64(0), reader.GetInt64(1));
        metrics.Pending(pending.Item1, pending.Item2);
        return pending;
    }

    /// <summary>
    /// <see cref="RunAsync"/> unless another worker replica is backfilling already (a session-level advisory lock held
    /// for the run): replicas would otherwise embed the same tickets side by side, each upsert idempotent but the CPU
    /// spent N times. Null when another replica holds the lock; a crashed holder's lock goes with its connection.
    /// </summary>
    public async Task<VectorBackfillResult?> RunAloneAsync(CancellationToken cancellationToken)
    {
        await using var alone = await ReplicaLock.TryAcquireAsync(dataSource, "vector-backfill", cancellationToken);
        return alone is null ? null : await RunAsync(cancellationToken);
    }

    /// <summary>Embeds everything that is missing, batch by batch, logging progress; returns when nothing is left.</summary>
    public async Task<VectorBackfillResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var stopwatch = Stopwatch.StartNew();
        var (pendingTickets, pendingArticles) = await PendingAsync(cancellationToken);
        if (pendingTickets == 0 && pendingArticles == 0)
        {
            return new VectorBackfillResult(0, 0, 0, stopwatch.Elapsed);
        }

        LogStarting(logger, pendingTickets, pendingArticles, ModelId);
        var tickets = 0;
        var lastProgress = stopwatch.Elapsed;
        while (await NextTicketsAsync(Math.Max(1, settings.BatchSize) * Math.Max(1, settings.Parallelism), cancellationToken) is { Count: > 0 } batch)
        {
            var texts = new List<string>(batch.Count * 2);
            foreach (var ticket in batch)
            {
                texts.Add($"{ticket.Subject}\n{ticket.Body}");
                texts.Add(ticket.Reply);
            }

            var vectors = await EmbedAsync(texts, cancellationToken);
            await StoreTicketVectorsAsync(batch, vectors, cancellationToken);
            tickets += batch.Count;
            metrics.Computed(TicketVectorKinds.Question, batch.Count);
            metrics.Computed(TicketVectorKinds.Reply, batch.Count);
            metrics.Pending(Math.Max(0, pendingTickets - tickets), pendingArticles);
            if (stopwatch.Elapsed - lastProgress >= settings.ProgressInterval)
            {
                lastProgress = stopwatch.Elapsed;
                LogProgress(logger, tickets, pendingTickets, 2 * tickets / Math.Max(0.001, stopwatch.Elapsed.TotalSeconds));
            }
        }

        var (articles, chunks) = await BackfillArticlesAsync(cancellationToken);
        await PendingAsync(cancellationToken);
        var result = new VectorBackfillResult(tickets, chunks, articles, stopwatch.Elapsed);
        LogFinished(logger, tickets, articles, chunks, result.Elapsed.TotalSeconds, result.TextsPerSecond);
        return result;
    }

    private sealed record TicketText(Guid Id, string Subject, string Body, string Reply, string ContentHash);

    private async Task<List<TicketText>> NextTicketsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT t.id, t.subject, t.body, t.sent_reply, t.content_hash {MissingTickets} ORDER BY t.id LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ModelId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batch = new List<TicketText>(limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new TicketText(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return batch;
    }

    /// <summary>The texts in as many slices as configured, encoded at the same time (the ONNX session is thread-safe).</summary>
    private async Task<float[][]> EmbedAsync(List<string> texts, CancellationToken cancellationToken)
    {
        var slices = Math.Clamp(options.Value.Parallelism, 1, Math.Max(1, texts.Count));
        var size = (texts.Count + slices - 1) / slices;
        var parts = await Task.WhenAll(Enumerable.Range(0, slices)
            .Select(i => texts.Skip(i * size).Take(size).ToList())
            .Where(slice => slice.Count > 0)
            .Select(slice => Task.Run(async () => await generator.GenerateAsync(slice, cancellationToken: cancellationToken), cancellationToken)));
        return [.. parts.SelectMany(p => p).Select(e => e.Vector.ToArray())];
    }

    private async Task StoreTicketVectorsAsync(List<TicketText> batch, float[][] vectors, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(vectors.Length);
        var kinds = new List<string>(vectors.Length);
        var hashes = new List<string>(vectors.Length);
        var bytes = new List<byte[]>(vectors.Length);
        for (var i = 0; i < batch.Count; i++)
        {
            foreach (var (kind, vector) in new[] { (TicketVectorKinds.Question, vectors[2 * i]), (TicketVectorKinds.Reply, vectors[(2 * i) + 1]) })
            {
                ids.Add(batch[i].Id);
                kinds.Add(kind);
                hashes.Add(batch[i].ContentHash);
                bytes.Add(VectorMath.ToBytes(vector));
            }
        }

        // The reply's vector is written last in the statement, and the anti-join looks for it: a ticket
        // counts as done only when both of its vectors are in.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ticket_vectors (ticket_id, kind, model_id, content_hash, vector, created_at)
            SELECT id, kind, $5, hash, vector, now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[]) AS u(id, kind, hash, vector)
            ON CONFLICT (ticket_id, kind, model_id) DO UPDATE SET content_hash = excluded.content_hash, vector = excluded.vector, created_at = excluded.created_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = kinds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = hashes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = bytes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = ModelId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record ArticleText(Guid Id, string Title, string Body, string ContentHash);

    private async Task<(int Articles, int Chunks)> BackfillArticlesAsync(CancellationToken cancellationToken)
    {
        var articles = new List<ArticleText>();
        await using (var command = dataSource.CreateCommand($"SELECT a.id, a.title, a.body, a.content_hash {MissingArticles} ORDER BY a.id"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ModelId, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                articles.Add(new ArticleText(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var total = 0;
        foreach (var article in articles)
        {
            var chunks = ArticleChunker.Chunk(article.Body);
            if (chunks.Count == 0)
            {
                // An empty body still gets its title's vector, so the article is not picked up again and again.
                chunks = [new ArticleChunk(0, 0, 0)];
            }

            // The title goes with every chunk: "Exporting your data" is what a chunk about the CSV button is about.
            var vectors = await EmbedAsync([.. chunks.Select(c => $"{article.Title}\n{article.Body.Substring(c.Start, c.Length)}")], cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var delete = new NpgsqlCommand("DELETE FROM article_chunk_vectors WHERE article_id = $1 AND model_id = $2", connection, transaction))
            {
                delete.Parameters.Add(new NpgsqlParameter { Value = article.Id });
                delete.Parameters.Add(new NpgsqlParameter { Value = ModelId });
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var insert = new NpgsqlCommand("""
                INSERT INTO article_chunk_vectors (article_id, chunk, model_id, content_hash, start, length, vector, created_at)
                SELECT $1, chunk, $2, $3, start, length, vector, now() FROM unnest($4::int[], $5::int[], $6::int[], $7::bytea[]) AS u(chunk, start, length, vector)
                """, connection, transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = article.Id });
                insert.Parameters.Add(new NpgsqlParameter { Value = ModelId });
                insert.Parameters.Add(new NpgsqlParameter { Value = article.ContentHash });
                insert.Parameters.Add(new NpgsqlParameter { Value = chunks.Select(c => c.Index).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter { Value = chunks.Select(c => c.Start).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter { Value = chunks.Select(c => c.Length).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter { Value = vectors.Select(v => VectorMath.ToBytes(v)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            total += chunks.Count;
            metrics.Computed("article_chunk", chunks.Count);
        }

        return (articles.Count, total);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vector backfill ({Model}): {Tickets} historical tickets and {Articles} help articles to embed")]
    private static partial void LogStarting(ILogger logger, long tickets, long articles, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vector backfill: {Done} of {Total} tickets embedded ({Rate:0} texts/s)")]
    private static partial void LogProgress(ILogger logger, int done, long total, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vector backfill done: {Tickets} tickets, {Articles} articles ({Chunks} chunks) in {Seconds:0.0} s ({Rate:0} texts/s)")]
    private static partial void LogFinished(ILogger logger, int tickets, int articles, int chunks, double seconds, double rate);
}
