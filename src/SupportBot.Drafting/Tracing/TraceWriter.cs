using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Drafting.Tracing;

/// <summary>
/// Stores a draft's trace, its observations and the draft itself in one round trip. Through EF Core
/// change tracking the same rows cost about a third of a draft's whole overhead (docs/benchmarks.md);
/// here they are three INSERTs in one <see cref="NpgsqlBatch"/>. Postgres runs a batch sent without
/// an explicit transaction as one implicit transaction, so a failure leaves nothing half-written.
/// The columns are the EF model's; <c>TraceWriterTests</c> fails when an entity gains one that is not written here.
/// </summary>
public static class TraceWriter
{
    public const string TraceSql = """
        INSERT INTO traces (id, name, ticket_id, draft_id, started_at, duration_ms, metadata)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    // Any number of observations as one statement: one array parameter per column.
    public const string ObservationsSql = """
        INSERT INTO observations (id, trace_id, span_id, type, name, started_at, duration_ms, input, output, metadata)
        SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """;

    public const string DraftSql = """
        INSERT INTO drafts (id, ticket_id, trace_id, text, category, category_confidence, category_source, handoff,
                            handoff_reason, prompt_name, prompt_version, model, citations, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        """;

    /// <summary>
    /// Writes the rows on the context's connection inside its retry strategy, like SaveChanges did:
    /// the batch is atomic, so replaying it after a transient failure cannot duplicate half of it.
    /// When the caller has staged rows of its own on the context (the tickets API stages the new
    /// ticket so that ticket, trace and draft commit together), everything goes through one
    /// SaveChanges as before: still one round trip and one transaction, and the caller's rows and the
    /// draft stay tracked, which the caller may rely on.
    /// </summary>
    public static async Task WriteAsync(
        SupportBotDbContext db, Trace trace, IReadOnlyList<Observation> observations, Draft? draft, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.HasChanges())
        {
            db.Traces.Add(trace);
            db.Observations.AddRange(observations);
            if (draft is not null)
            {
                db.Drafts.Add(draft);
            }

            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var batch = CreateBatch((NpgsqlConnection)db.Database.GetDbConnection(), trace, observations, draft);
                // Plain INSERTs plan the same whatever the values: prepared once per connection, they
                // skip parsing and planning on every later draft (docs/benchmarks.md).
                await batch.PrepareAsync(ct);
                await batch.ExecuteNonQueryAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);
    }

    private static NpgsqlBatch CreateBatch(NpgsqlConnection connection, Trace trace, IReadOnlyList<Observation> observations, Draft? draft)
    {
        var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(TraceSql,
            Value(trace.Id, NpgsqlDbType.Varchar),
            Value(trace.Name, NpgsqlDbType.Varchar),
            Value(trace.TicketId, NpgsqlDbType.Uuid),
            Value(trace.DraftId, NpgsqlDbType.Uuid),
            Value(trace.StartedAt, NpgsqlDbType.TimestampTz),
            Value(trace.DurationMs, NpgsqlDbType.Double),
            Value(trace.Metadata, NpgsqlDbType.Jsonb)));

        if (observations.Count > 0)
        {
            batch.BatchCommands.Add(Command(ObservationsSql,
                Column(observations, o => o.Id, NpgsqlDbType.Uuid),
                Column(observations, o => o.TraceId, NpgsqlDbType.Varchar),
                Column(observations, o => o.SpanId, NpgsqlDbType.Varchar),
                Column(observations, o => o.Type, NpgsqlDbType.Varchar),
                Column(observations, o => o.Name, NpgsqlDbType.Varchar),
                Column(observations, o => o.StartedAt, NpgsqlDbType.TimestampTz),
                Column(observations, o => o.DurationMs, NpgsqlDbType.Double),
                Column(observations, o => o.Input, NpgsqlDbType.Jsonb),
                Column(observations, o => o.Output, NpgsqlDbType.Jsonb),
                Column(observations, o => o.Metadata, NpgsqlDbType.Jsonb)));
        }

        if (draft is not null)
        {
            batch.BatchCommands.Add(Command(DraftSql,
                Value(draft.Id, NpgsqlDbType.Uuid),
                Value(draft.TicketId, NpgsqlDbType.Uuid),
                Value(draft.TraceId, NpgsqlDbType.Varchar),
                Value(draft.Text, NpgsqlDbType.Text),
                Value(draft.Category, NpgsqlDbType.Varchar),
                Value(draft.CategoryConfidence, NpgsqlDbType.Double),
                Value(draft.CategorySource, NpgsqlDbType.Varchar),
                Value(draft.Handoff, NpgsqlDbType.Boolean),
                Value(draft.HandoffReason, NpgsqlDbType.Text),
                Value(draft.PromptName, NpgsqlDbType.Varchar),
                Value(draft.PromptVersion, NpgsqlDbType.Integer),
                Value(draft.Model, NpgsqlDbType.Varchar),
                Value(draft.Citations, NpgsqlDbType.Jsonb),
                Value(draft.CreatedAt, NpgsqlDbType.TimestampTz)));
        }

        return batch;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Value(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static NpgsqlParameter Column<T>(IReadOnlyList<Observation> rows, Func<Observation, T> column, NpgsqlDbType type) =>
        new() { Value = rows.Select(column).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}
