using Microsoft.EntityFrameworkCore;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Conversations.Signals;

/// <summary>
/// Writes an implicit signal as a boolean score on the trace of the bot answer it judges. Idempotent per (trace,
/// signal): the key is the trace and the name, so a retried request or a second sweep writes nothing new.
/// </summary>
public sealed class ImplicitSignals(SupportBotDbContext db, ConversationMetrics metrics, TimeProvider clock)
{
    public async Task RecordAsync(string traceId, string signal, bool value, string? category, string? comment, CancellationToken cancellationToken)
    {
        var key = $"conversation:{traceId}:{signal}";
        var written = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO scores (id, trace_id, name, data_type, numeric_value, string_value, comment, source, idempotency_key, created_at)
            VALUES ({Guid.CreateVersion7()}, {traceId}, {signal}, {ScoreDataTypes.Boolean}, {(value ? 1.0 : 0.0)}, {(value ? "true" : "false")},
                    {comment}, {ScoreSources.Signal}, {key}, {clock.GetUtcNow()})
            ON CONFLICT (idempotency_key) DO NOTHING
            """, cancellationToken);
        if (written > 0 && value)
        {
            metrics.Signal(category, signal);
        }
    }
}
