using System.Text.Json;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data.Replies;

namespace SupportBot.Signals;

/// <summary>
/// Phase 2's baseline for the monitors: a draft the team sent is a reply that reached a customer, so each one is handed
/// to <see cref="SentReplies"/> (source team, reply id = draft id) once its `sent` signal is committed for the first
/// time — a redelivered or second `sent` is a duplicate and publishes nothing, and the monitors are idempotent per
/// reply anyway. The ticket's text and the draft's citations are read here because the signal event does not carry them.
/// </summary>
public sealed class SentDraftReplies(NpgsqlDataSource dataSource, SentReplies sentReplies)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task PublishAsync(IReadOnlyList<SignalResult> processedSent, CancellationToken cancellationToken)
    {
        if (processedSent.Count == 0)
        {
            return;
        }

        var byDraft = processedSent.ToDictionary(r => r.Draft!.Id);
        await using var command = dataSource.CreateCommand(
            """
            SELECT d.id, d.trace_id, d.category, d.citations::text, t.id, t.subject, t.body, t.language, t.customer_name
            FROM drafts d JOIN tickets t ON t.id = d.ticket_id
            WHERE d.id = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = byDraft.Keys.ToArray() });
        var replies = new List<SentReply>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var signal = byDraft[reader.GetGuid(0)].Entry.Event;
                replies.Add(new SentReply(
                    ReplyId: reader.GetGuid(0),
                    TraceId: reader.GetString(1),
                    Source: ReplySources.Team,
                    Category: reader.GetString(2),
                    Language: reader.GetString(7),
                    ConversationId: null,
                    TicketId: reader.GetGuid(4),
                    CustomerName: reader.IsDBNull(8) ? null : reader.GetString(8),
                    CustomerMessage: $"{(reader.IsDBNull(5) ? "" : reader.GetString(5))}\n{reader.GetString(6)}".Trim(),
                    Reply: signal.Text!,
                    CustomerContext: [],
                    CitedArticles: Citations(reader.GetString(3)),
                    SentAt: signal.SentAt ?? signal.AcceptedAt));
            }
        }

        foreach (var reply in replies)
        {
            await sentReplies.PublishAsync(reply, cancellationToken);
        }
    }

    private static List<CitedArticleRef> Citations(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<CitedArticleRef>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
