using System.Numerics.Tensors;
using Npgsql;
using NpgsqlTypes;
using SupportBot.Data.Entities;
using SupportBot.Embeddings;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// The question vectors of the resolved history, held in memory per category and searched with
/// TensorPrimitives (a dot product per ticket: the model's vectors are unit length). float32 costs
/// 1.5 KB a ticket, 150 MB for 100,000; exact search over that is a few milliseconds on one core, so
/// neither an approximate index nor int8 quantization pays for its loss yet (docs/benchmarks.md).
/// The snapshot is reloaded in the background when the backfill has added vectors; until the
/// first vectors exist it is empty and retrieval is full-text alone.
/// </summary>
public sealed class SemanticIndex(NpgsqlDataSource dataSource, TextEmbeddings embeddings, TimeProvider clock)
{
    /// <summary>How often drafts may trigger a check for new vectors (one cheap query, off the draft's path).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private VectorSnapshot _snapshot = VectorSnapshot.Empty;
    private long _checkedAt = long.MinValue;
    private int _refreshing;

    public string ModelId => embeddings.ModelId;

    /// <summary>The current snapshot; at most every <see cref="RefreshInterval"/> a background check for new vectors.</summary>
    public VectorSnapshot Current
    {
        get
        {
            var now = clock.GetTimestamp();
            if (clock.GetElapsedTime(Interlocked.Read(ref _checkedAt), now) >= RefreshInterval && Interlocked.Exchange(ref _refreshing, 1) == 0)
            {
                Interlocked.Exchange(ref _checkedAt, now);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await RefreshAsync(CancellationToken.None);
                    }
                    catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
                    {
                        // Keep the vectors held: a database blip should not turn semantic retrieval off.
                    }
                    finally
                    {
                        Volatile.Write(ref _refreshing, 0);
                    }
                });
            }

            return Volatile.Read(ref _snapshot);
        }
    }

    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken) => embeddings.EmbedAsync(text, cancellationToken);

    /// <summary>Reloads the vectors when their count or newest timestamp changed.</summary>
    public async Task<VectorSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        string stamp;
        await using (var command = dataSource.CreateCommand(
            $"SELECT count(*)::text || '/' || coalesce(max(created_at)::text, '') FROM ticket_vectors WHERE model_id = $1 AND kind = '{TicketVectorKinds.Question}'"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ModelId, NpgsqlDbType = NpgsqlDbType.Text });
            stamp = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var held = Volatile.Read(ref _snapshot);
        if (held.Stamp == stamp)
        {
            return held;
        }

        var loaded = await LoadAsync(stamp, cancellationToken);
        Volatile.Write(ref _snapshot, loaded);
        return loaded;
    }

    private async Task<VectorSnapshot> LoadAsync(string stamp, CancellationToken cancellationToken)
    {
        // Only vectors of the ticket's current text: a re-imported ticket waits for its new vector.
        await using var command = dataSource.CreateCommand($"""
            SELECT v.ticket_id, t.category::text, v.vector
            FROM ticket_vectors v JOIN tickets t ON t.id = v.ticket_id AND t.content_hash = v.content_hash
            WHERE v.model_id = $1 AND v.kind = '{TicketVectorKinds.Question}' AND t.source = '{TicketSources.Historical}' AND t.sent_reply IS NOT NULL
            ORDER BY t.category, v.ticket_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ModelId, NpgsqlDbType = NpgsqlDbType.Text });
        var byCategory = new Dictionary<string, (List<Guid> Ids, List<float> Vectors)>(StringComparer.Ordinal);
        var dimensions = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var vector = VectorMath.FromBytes(reader.GetFieldValue<byte[]>(2));
                if (dimensions == 0)
                {
                    dimensions = vector.Length;
                }

                if (vector.Length != dimensions)
                {
                    continue;
                }

                var category = reader.IsDBNull(1) ? "" : reader.GetString(1);
                if (!byCategory.TryGetValue(category, out var block))
                {
                    byCategory[category] = block = ([], []);
                }

                block.Ids.Add(reader.GetGuid(0));
                block.Vectors.AddRange(vector);
            }
        }

        return new VectorSnapshot(stamp, dimensions,
            byCategory.ToDictionary(b => b.Key, b => new VectorBlock(b.Key, [.. b.Value.Ids], [.. b.Value.Vectors]), StringComparer.Ordinal));
    }
}

/// <summary>One category's vectors, row after row in one array.</summary>
public sealed record VectorBlock(string Category, Guid[] Ids, float[] Vectors);

public sealed class VectorSnapshot
{
    public static readonly VectorSnapshot Empty = new("", 0, new Dictionary<string, VectorBlock>());

    private readonly Dictionary<Guid, (VectorBlock Block, int Row)> _rows = [];

    public VectorSnapshot(string stamp, int dimensions, IReadOnlyDictionary<string, VectorBlock> blocks)
    {
        Stamp = stamp;
        Dimensions = dimensions;
        Blocks = blocks;
        foreach (var block in blocks.Values)
        {
            for (var i = 0; i < block.Ids.Length; i++)
            {
                _rows[block.Ids[i]] = (block, i);
            }
        }
    }

    public string Stamp { get; }
    public int Dimensions { get; }
    public IReadOnlyDictionary<string, VectorBlock> Blocks { get; }
    public int Count => _rows.Count;

    /// <summary>The <paramref name="limit"/> most similar tickets (cosine), within <paramref name="category"/> when one is given.</summary>
    public List<(Guid Id, float Similarity)> Search(ReadOnlySpan<float> query, string? category, int limit, IReadOnlyCollection<Guid> excluded)
    {
        if (query.Length != Dimensions || limit <= 0)
        {
            return [];
        }

        // Excluded tickets (the one being replayed) are dropped at the end, so keep room for them.
        var capacity = limit + excluded.Count;
        var best = new PriorityQueue<(Guid Id, float Similarity), float>(capacity + 1);

        foreach (var block in category is null ? Blocks.Values : Blocks.TryGetValue(category, out var only) ? [only] : [])
        {
            var vectors = block.Vectors.AsSpan();
            for (var i = 0; i < block.Ids.Length; i++)
            {
                var similarity = TensorPrimitives.Dot(query, vectors.Slice(i * Dimensions, Dimensions));
                if (best.Count < capacity)
                {
                    best.Enqueue((block.Ids[i], similarity), similarity);
                }
                else if (similarity > best.Peek().Similarity)
                {
                    best.EnqueueDequeue((block.Ids[i], similarity), similarity);
                }
            }
        }

        var hits = new List<(Guid Id, float Similarity)>(best.Count);
        while (best.Count > 0)
        {
            var hit = best.Dequeue();
            if (!excluded.Contains(hit.Id))
            {
                hits.Add(hit);
            }
        }

        hits.Reverse();
        return hits.Count > limit ? hits[..limit] : hits;
    }

    /// <summary>The cosine of a ticket's question with the query; null when the ticket has no vector yet.</summary>
    public float? Similarity(Guid id, ReadOnlySpan<float> query) =>
        query.Length == Dimensions && _rows.TryGetValue(id, out var at)
            ? TensorPrimitives.Dot(query, at.Block.Vectors.AsSpan(at.Row * Dimensions, Dimensions))
            : null;
}
