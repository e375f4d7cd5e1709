using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Monitors.Checking;

public sealed record CheckedEntry(string EntryId, SentReply Reply, MonitorCheckResult Result);

/// <summary>
/// Writes the flags of a batch of checked replies in ONE transaction: the checked_replies row first (ON CONFLICT
/// (reply_id) DO NOTHING RETURNING), then — only for replies really inserted now — one score per flag on the reply's
/// trace (idempotency key reply:monitor:n) and the follow-up upsert (one open entry per conversation). So a
/// redelivered entry, or the same reply published twice, writes nothing twice: idempotent per (reply, monitor).
/// </summary>
public sealed class FlagWriter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Returns the reply ids written now (the others had been checked before).</summary>
    public async Task<HashSet<Guid>> WriteAsync(IReadOnlyList<CheckedEntry> batch, CancellationToken cancellationToken)
    {
        var unique = batch.GroupBy(e => e.Reply.ReplyId).Select(g => g.First()).OrderBy(e => e.Reply.ReplyId).ToList();
        if (unique.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        HashSet<Guid> fresh = [];
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO checked_replies (reply_id, trace_id, source, category, conversation_key, sent_at, checked_at, flag_count, flags)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::int[], $9::jsonb[])
            ON CONFLICT (reply_id) DO NOTHING
            RETURNING reply_id
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(e => e.Reply.ReplyId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(e => e.Reply.TraceId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(e => e.Reply.Source).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(e => CategoryOf(e.Reply)).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(e => ConversationKey(e.Reply)).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(e => e.Reply.SentAt.UtcDateTime).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(_ => now).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(e => e.Result.Flags.Count).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(e => JsonSerializer.Serialize(e.Result.Flags, SentReplyJson.Options)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                fresh.Add(reader.GetGuid(0));
            }
        }

        var flagged = unique.Where(e => fresh.Contains(e.Reply.ReplyId) && e.Result.Flags.Count > 0).ToList();
        if (flagged.Count > 0)
        {
            await InsertScoresAsync(connection, transaction, flagged, now, cancellationToken);
            await UpsertFollowUpsAsync(connection, transaction, flagged, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return fresh;
    }

    public static string CategoryOf(SentReply reply) => string.IsNullOrWhiteSpace(reply.Category) ? "uncategorized" : reply.Category!;

    /// <summary>What "the same conversation" is: the conversation, else the ticket, else the reply alone.</summary>
    public static string ConversationKey(SentReply reply) =>
        reply.ConversationId is { } conversation ? $"conversation:{conversation:N}"
        : reply.TicketId is { } ticket ? $"ticket:{ticket:N}"
        : $"reply:{reply.ReplyId:N}";

    private static async Task InsertScoresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<CheckedEntry> flagged, DateTime now, CancellationToken cancellationToken)
    {
        var rows = flagged.SelectMany(e => e.Result.Flags.Select((f, i) => (e.Reply, Flag: f, Key: $"monitor:{e.Reply.ReplyId:N}:{f.Monitor}:{i}"))).ToList();
        // Only onto traces that exist (a conversation whose trace was not written yet keeps its flags in checked_replies).
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO scores (id, trace_id, name, data_type, string_value, comment, source, idempotency_key, created_at)
            SELECT u.id, u.trace_id, u.name, 'categorical', u.severity, u.comment, 'monitor', u.idempotency_key, $7
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, trace_id, name, severity, comment, idempotency_key)
            WHERE EXISTS (SELECT 1 FROM traces t WHERE t.id = u.trace_id)
            ON CONFLICT (idempotency_key) DO NOTHING
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(_ => Guid.CreateVersion7()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Reply.TraceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Flag.Monitor).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Flag.Severity).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => JsonSerializer.Serialize(r.Flag, SentReplyJson.Options)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        _ = ScoreSources.Monitor; // the literal 'monitor' above is this constant
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpsertFollowUpsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<CheckedEntry> flagged, DateTime now, CancellationToken cancellationToken)
    {
        // One row per conversation in this batch (ON CONFLICT may not touch a row twice in one statement).
        var perConversation = flagged.GroupBy(e => ConversationKey(e.Reply)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.OrderBy(e => e.Reply.SentAt).Last();
            var flags = g.SelectMany(e => e.Result.Flags).Where(f => f.Monitor != MonitorNames.MonitorError).ToList();
            return (Key: g.Key, Latest: latest.Reply, Rank: flags.Count == 0 ? 0 : flags.Max(f => FlagSeverities.Rank(f.Severity)),
                Monitors: flags.Select(f => f.Monitor).Distinct().Order(StringComparer.Ordinal).ToArray(), Count: flags.Count,
                First: g.Min(e => e.Reply.SentAt).UtcDateTime);
        }).Where(c => c.Count > 0).ToList();
        if (perConversation.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO follow_ups (id, conversation_key, conversation_id, ticket_id, latest_reply_id, trace_id, category, severity_rank, monitors, flag_count, status, first_flagged_at, last_flagged_at)
            SELECT u.id, u.conversation_key, u.conversation_id, u.ticket_id, u.latest_reply_id, u.trace_id, u.category, u.severity_rank,
                   string_to_array(u.monitors, ','), u.flag_count, 'open', u.first_flagged_at, $12
            FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::int[], $9::text[], $10::int[], $11::timestamptz[])
                AS u(id, conversation_key, conversation_id, ticket_id, latest_reply_id, trace_id, category, severity_rank, monitors, flag_count, first_flagged_at)
            ON CONFLICT (conversation_key) WHERE status <> 'resolved' DO UPDATE SET
                severity_rank = greatest(follow_ups.severity_rank, excluded.severity_rank),
                monitors = ARRAY(SELECT DISTINCT m FROM unnest(follow_ups.monitors || excluded.monitors) AS m ORDER BY m),
                flag_count = follow_ups.flag_count + excluded.flag_count,
                latest_reply_id = excluded.latest_reply_id,
                trace_id = excluded.trace_id,
                last_flagged_at = excluded.last_flagged_at
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(_ => Guid.CreateVersion7()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => c.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => c.Latest.ConversationId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => c.Latest.TicketId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => c.Latest.ReplyId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => c.Latest.TraceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => CategoryOf(c.Latest)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => c.Rank).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => string.Join(',', c.Monitors)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => c.Count).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perConversation.Select(c => c.First).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
