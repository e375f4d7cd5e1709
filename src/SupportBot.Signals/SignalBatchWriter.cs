using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Signals;

/// <summary>A stream entry with its parsed event.</summary>
public sealed record SignalEntry(string EntryId, SignalEvent Event);

public enum SignalResultKind
{
    /// <summary>Written now, for the first time.</summary>
    Processed,

    /// <summary>Already written (redelivery, the same event twice) or a second `sent` for a draft: nothing changed.</summary>
    Duplicate,

    /// <summary>Cannot be written (draft gone, invalid score); retried, then dead-lettered.</summary>
    Failed,
}

public sealed record SignalResult(SignalEntry Entry, SignalResultKind Kind, string? Error = null, DraftFacts? Draft = null, EditMeasure? Edit = null);

/// <summary>Thrown for failures that say nothing about the events (database down): the batch is retried, never dead-lettered.</summary>
public sealed class TransientSignalException(Exception inner) : Exception("Transient failure while writing signals: " + inner.Message, inner);

/// <summary>
/// Writes a batch of signals in ONE transaction: scores first (INSERT … ON CONFLICT (idempotency_key)
/// DO NOTHING RETURNING), then draft outcomes and hourly category stats only for the events whose
/// scores were really inserted, so a redelivered event never counts twice. Arrays + unnest keep it
/// to five statements per batch. If the batch fails, each event is written alone so one bad event
/// cannot hold up the others.
/// </summary>
public sealed class SignalBatchWriter(
    NpgsqlDataSource dataSource, SignalScoring scoring, ScoreValidator validator, TimeProvider clock, ILogger<SignalBatchWriter> logger)
{
    private const int MeasureParallelism = 8;

    private sealed record Prepared(SignalEntry Entry, DraftFacts Draft, IReadOnlyList<PendingScore> Scores, EditMeasure? Edit)
    {
        public SignalEvent Event => Entry.Event;
    }

    public async Task<IReadOnlyList<SignalResult>> WriteAsync(IReadOnlyList<SignalEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var results = new Dictionary<string, SignalResult>();
        var prepared = await PrepareAsync(entries, results, cancellationToken);
        try
        {
            Record(results, await WriteInTransactionAsync(prepared, cancellationToken));
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            throw new TransientSignalException(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (prepared.Count == 1)
            {
                results[prepared[0].Entry.EntryId] = new SignalResult(prepared[0].Entry, SignalResultKind.Failed, ex.Message, prepared[0].Draft);
            }
            else
            {
                logger.LogWarning(ex, "A batch of {Count} signals failed; writing them one by one", prepared.Count);
                foreach (var one in prepared)
                {
                    try
                    {
                        Record(results, await WriteInTransactionAsync([one], cancellationToken));
                    }
                    catch (Exception single) when (IsTransient(single))
                    {
                        throw new TransientSignalException(single);
                    }
                    catch (Exception single) when (single is not OperationCanceledException)
                    {
                        results[one.Entry.EntryId] = new SignalResult(one.Entry, SignalResultKind.Failed, single.Message, one.Draft);
                    }
                }
            }
        }

        return [.. entries.Select(e => results[e.EntryId])];
    }

    private static void Record(Dictionary<string, SignalResult> results, IEnumerable<SignalResult> written)
    {
        foreach (var result in written)
        {
            results[result.Entry.EntryId] = result;
        }
    }

    private static bool IsTransient(Exception ex) => ex is NpgsqlException { IsTransient: true } or TimeoutException
        || ex.InnerException is NpgsqlException { IsTransient: true } or TimeoutException;

    /// <summary>Everything that needs no transaction: the drafts, the edit measures, score validation, duplicates inside the batch.</summary>
    private async Task<List<Prepared>> PrepareAsync(IReadOnlyList<SignalEntry> entries, Dictionary<string, SignalResult> results, CancellationToken cancellationToken)
    {
        var drafts = await LoadDraftsAsync([.. entries.Select(e => e.Event.DraftId).Distinct()], cancellationToken);
        var seenEvents = new HashSet<string>();
        var sentDrafts = new HashSet<Guid>();
        var candidates = new List<(SignalEntry Entry, DraftFacts Draft)>();
        foreach (var entry in entries)
        {
            var signal = entry.Event;
            if (!seenEvents.Add(signal.Id))
            {
                results[entry.EntryId] = new SignalResult(entry, SignalResultKind.Duplicate);
            }
            else if (!drafts.TryGetValue(signal.DraftId, out var draft))
            {
                results[entry.EntryId] = new SignalResult(entry, SignalResultKind.Failed, $"Draft {signal.DraftId} does not exist (deleted after the signal was accepted?).");
            }
            else if (signal.Type == SignalTypes.Sent && !sentDrafts.Add(draft.Id))
            {
                // A second `sent` for a draft in the same batch: the first one wins (docs/signals.md).
                results[entry.EntryId] = new SignalResult(entry, SignalResultKind.Duplicate, Draft: draft);
            }
            else
            {
                candidates.Add((entry, draft));
            }
        }

        // Measured side by side: a model-backed classifier waits on the network, the heuristic uses both cores.
        var edits = new EditMeasure?[candidates.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Entry.Event.Type == SignalTypes.Sent),
            new ParallelOptions { MaxDegreeOfParallelism = MeasureParallelism, CancellationToken = cancellationToken },
            async (i, token) => edits[i] = await scoring.MeasureAsync(candidates[i].Draft.Text, candidates[i].Entry.Event.Text!, token));

        var prepared = new List<Prepared>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var (entry, draft) = candidates[i];
            var scores = edits[i] is { } edit ? SignalScoring.SentScores(edit) : SignalScoring.FeedbackScores(entry.Event);
            string? invalid = null;
            foreach (var score in scores)
            {
                invalid ??= await validator.ErrorAsync(score, cancellationToken);
            }

            if (invalid is not null)
            {
                results[entry.EntryId] = new SignalResult(entry, SignalResultKind.Failed, invalid, draft);
                continue;
            }

            prepared.Add(new Prepared(entry, draft, scores, edits[i]));
        }

        return prepared;
    }

    private async Task<Dictionary<Guid, DraftFacts>> LoadDraftsAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, trace_id, category, text FROM drafts WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var drafts = new Dictionary<Guid, DraftFacts>();
        while (await reader.ReadAsync(cancellationToken))
        {
            drafts[reader.GetGuid(0)] = new DraftFacts(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return drafts;
    }

    private async Task<List<SignalResult>> WriteInTransactionAsync(IReadOnlyList<Prepared> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var inserted = await InsertScoresAsync(connection, batch, now, cancellationToken);
        var fresh = batch.Where(p => inserted.Contains(SignalScoring.IdempotencyKey(p.Event.Id, p.Scores[0].Name))).ToList();

        var freshSent = fresh.Where(p => p.Edit is not null).ToList();
        var appliedSentDrafts = await UpsertSentAsync(connection, freshSent, now, cancellationToken);
        var secondSent = freshSent.Where(p => !appliedSentDrafts.Contains(p.Draft.Id)).ToList();
        if (secondSent.Count > 0)
        {
            // The draft already had a sent reply: this one is not recorded, and neither are its scores.
            await DeleteScoresAsync(connection, secondSent, cancellationToken);
        }

        var applied = fresh.Except(secondSent).ToList();
        await UpsertFeedbackAsync(connection, [.. applied.Where(p => p.Edit is null)], now, cancellationToken);
        await AddToStatsAsync(connection, applied, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var appliedIds = applied.Select(p => p.Entry.EntryId).ToHashSet();
        return [.. batch.Select(p => appliedIds.Contains(p.Entry.EntryId)
            ? new SignalResult(p.Entry, SignalResultKind.Processed, null, p.Draft, p.Edit)
            : new SignalResult(p.Entry, SignalResultKind.Duplicate, null, p.Draft, p.Edit))];
    }

    private static async Task<HashSet<string>> InsertScoresAsync(NpgsqlConnection connection, IReadOnlyList<Prepared> batch, DateTime now, CancellationToken cancellationToken)
    {
        var rows = batch.SelectMany(p => p.Scores.Select(s => (p, s))).ToList();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO scores (id, trace_id, name, data_type, numeric_value, string_value, comment, source, idempotency_key, created_at)
            SELECT id, trace_id, name, data_type, numeric_value, string_value, comment, $8, idempotency_key, $9
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[], $10::text[])
                AS u(id, trace_id, name, data_type, numeric_value, string_value, comment, idempotency_key)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING idempotency_key
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(_ => Guid.CreateVersion7()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.p.Draft.TraceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.s.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.s.DataType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.s.NumericValue).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.s.StringValue).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.s.Comment).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = ScoreSources.Signal });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => SignalScoring.IdempotencyKey(r.p.Event.Id, r.s.Name)).ToArray() });
        var inserted = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetString(0));
        }

        return inserted;
    }

    /// <summary>Writes the sent reply unless the draft already has one; returns the drafts written.</summary>
    private static async Task<HashSet<Guid>> UpsertSentAsync(NpgsqlConnection connection, List<Prepared> sent, DateTime now, CancellationToken cancellationToken)
    {
        if (sent.Count == 0)
        {
            return [];
        }

        sent = [.. sent.OrderBy(p => p.Draft.Id)]; // one lock order for every worker: no deadlocks
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO draft_outcomes (draft_id, trace_id, category, sent_at, sent_text, agent_id, word_edit_distance, char_edit_distance, edit_type, thumbs_up, thumbs_down, updated_at)
            SELECT draft_id, trace_id, category, sent_at, sent_text, agent_id, word_edit_distance, char_edit_distance, edit_type, 0, 0, $10
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text[])
                AS u(draft_id, trace_id, category, sent_at, sent_text, agent_id, word_edit_distance, char_edit_distance, edit_type)
            ON CONFLICT (draft_id) DO UPDATE SET
                sent_at = excluded.sent_at, sent_text = excluded.sent_text, agent_id = excluded.agent_id,
                word_edit_distance = excluded.word_edit_distance, char_edit_distance = excluded.char_edit_distance,
                edit_type = excluded.edit_type, updated_at = excluded.updated_at
            WHERE draft_outcomes.sent_at IS NULL
            RETURNING draft_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => p.Draft.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => p.Draft.TraceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => p.Draft.Category).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => SentTime(p.Event)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => p.Event.Text!).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => p.Event.AgentId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => p.Edit!.WordDistance).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => p.Edit!.CharDistance).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sent.Select(p => p.Edit!.EditType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        var written = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            written.Add(reader.GetGuid(0));
        }

        return written;
    }

    private static async Task DeleteScoresAsync(NpgsqlConnection connection, List<Prepared> events, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM scores WHERE idempotency_key = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = events.SelectMany(p => p.Scores.Select(s => SignalScoring.IdempotencyKey(p.Event.Id, s.Name))).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpsertFeedbackAsync(NpgsqlConnection connection, List<Prepared> feedback, DateTime now, CancellationToken cancellationToken)
    {
        if (feedback.Count == 0)
        {
            return;
        }

        // One row per draft: ON CONFLICT DO UPDATE may not touch a row twice in one statement.
        var perDraft = feedback.GroupBy(p => p.Draft).OrderBy(g => g.Key.Id).Select(g => (
            Draft: g.Key,
            Up: g.Count(p => p.Event.Thumb == Thumbs.Up),
            Down: g.Count(p => p.Event.Thumb == Thumbs.Down),
            Comment: g.LastOrDefault(p => !string.IsNullOrWhiteSpace(p.Event.Comment))?.Event.Comment)).ToList();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO draft_outcomes (draft_id, trace_id, category, thumbs_up, thumbs_down, last_comment, updated_at)
            SELECT draft_id, trace_id, category, thumbs_up, thumbs_down, last_comment, $7
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[])
                AS u(draft_id, trace_id, category, thumbs_up, thumbs_down, last_comment)
            ON CONFLICT (draft_id) DO UPDATE SET
                thumbs_up = draft_outcomes.thumbs_up + excluded.thumbs_up,
                thumbs_down = draft_outcomes.thumbs_down + excluded.thumbs_down,
                last_comment = COALESCE(excluded.last_comment, draft_outcomes.last_comment),
                updated_at = excluded.updated_at
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = perDraft.Select(d => d.Draft.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perDraft.Select(d => d.Draft.TraceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perDraft.Select(d => d.Draft.Category).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perDraft.Select(d => d.Up).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perDraft.Select(d => d.Down).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = perDraft.Select(d => d.Comment).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AddToStatsAsync(NpgsqlConnection connection, List<Prepared> applied, CancellationToken cancellationToken)
    {
        if (applied.Count == 0)
        {
            return;
        }

        var rows = applied
            .GroupBy(p => (p.Draft.Category, Hour: Hour(p.Edit is null ? p.Event.AcceptedAt.UtcDateTime : SentTime(p.Event))))
            .OrderBy(g => g.Key.Category, StringComparer.Ordinal).ThenBy(g => g.Key.Hour)
            .Select(g => (
                g.Key.Category,
                g.Key.Hour,
                Sent: g.Count(p => p.Edit is not null),
                Edited: g.Count(p => p.Edit is { EditType: not EditTypes.None }),
                Corrected: g.Count(p => p.Edit is { EditType: EditTypes.Corrected }),
                DistanceSum: g.Sum(p => p.Edit?.WordDistance ?? 0),
                Up: g.Count(p => p.Event.Thumb == Thumbs.Up),
                Down: g.Count(p => p.Event.Thumb == Thumbs.Down)))
            .ToList();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO category_signal_stats (category, hour, sent, edited, corrected, word_edit_distance_sum, thumbs_up, thumbs_down)
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int[], $4::int[], $5::int[], $6::float8[], $7::int[], $8::int[])
            ON CONFLICT (category, hour) DO UPDATE SET
                sent = category_signal_stats.sent + excluded.sent,
                edited = category_signal_stats.edited + excluded.edited,
                corrected = category_signal_stats.corrected + excluded.corrected,
                word_edit_distance_sum = category_signal_stats.word_edit_distance_sum + excluded.word_edit_distance_sum,
                thumbs_up = category_signal_stats.thumbs_up + excluded.thumbs_up,
                thumbs_down = category_signal_stats.thumbs_down + excluded.thumbs_down
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Category).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Hour).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Sent).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Edited).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Corrected).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.DistanceSum).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Up).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Down).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>When the reply went out: the agent's time if given, else when the API accepted it.</summary>
    private static DateTime SentTime(SignalEvent signal) => (signal.SentAt ?? signal.AcceptedAt).UtcDateTime;

    private static DateTime Hour(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
}
