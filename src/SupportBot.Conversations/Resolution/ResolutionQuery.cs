using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Conversations.Resolution;

/// <summary>
/// The resolution rates per category over conversations started in the window (with at least one customer message),
/// in one statement over the rolled-up signals on the conversations; a monitor flag is any positive monitor score on
/// one of the conversation's bot answers. Every category is listed, with null rates when it had no conversations.
/// </summary>
public sealed class ResolutionQuery(NpgsqlDataSource dataSource, IOptions<ConversationOptions> options, TimeProvider clock)
{
    public const string Sql = """
        WITH c AS (
            SELECT c.category, c.handed_off_at, c.asked_for_human, c.re_asks, c.reopened, c.abandoned, c.resolved_by_customer,
                   EXISTS (SELECT 1 FROM conversation_messages m JOIN scores s ON s.trace_id = m.trace_id
                           WHERE m.conversation_id = c.id AND m.role = 'bot' AND s.source = $3 AND s.numeric_value > 0) AS flagged
            FROM conversations c
            WHERE c.created_at >= $1 AND c.created_at < $2 AND c.customer_messages > 0 AND c.category IS NOT NULL
        ), agg AS (
            SELECT category,
                   count(*)::int AS conversations,
                   count(*) FILTER (WHERE handed_off_at IS NULL)::int AS contained,
                   count(*) FILTER (WHERE handed_off_at IS NULL AND NOT asked_for_human AND re_asks = 0 AND NOT reopened
                                    AND NOT abandoned AND NOT flagged AND resolved_by_customer IS DISTINCT FROM false)::int AS verified,
                   count(*) FILTER (WHERE handed_off_at IS NOT NULL)::int AS handed_off,
                   count(*) FILTER (WHERE re_asks > 0)::int AS re_asked,
                   count(*) FILTER (WHERE reopened)::int AS reopened,
                   count(*) FILTER (WHERE abandoned)::int AS abandoned,
                   count(*) FILTER (WHERE flagged)::int AS flagged,
                   count(*) FILTER (WHERE resolved_by_customer)::int AS yes,
                   count(*) FILTER (WHERE NOT resolved_by_customer)::int AS no
            FROM c GROUP BY category
        )
        SELECT k.name, k.phase, p.category IS NOT NULL AS paused,
               coalesce(a.conversations, 0), coalesce(a.contained, 0), coalesce(a.verified, 0), coalesce(a.handed_off, 0),
               coalesce(a.re_asked, 0), coalesce(a.reopened, 0), coalesce(a.abandoned, 0), coalesce(a.flagged, 0),
               coalesce(a.yes, 0), coalesce(a.no, 0)
        FROM categories k
        LEFT JOIN agg a ON a.category = k.name
        LEFT JOIN category_pauses p ON p.category = k.name
        WHERE $4::text IS NULL OR k.name = $4
        ORDER BY k.name
        """;

    public async Task<IReadOnlyList<ResolutionView>> ComputeAsync(string? category, CancellationToken cancellationToken)
    {
        var end = clock.GetUtcNow();
        var start = end - options.Value.ResolutionWindow;
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = start });
        command.Parameters.Add(new NpgsqlParameter { Value = end });
        command.Parameters.Add(new NpgsqlParameter { Value = ScoreSources.Monitor });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)category ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var views = new List<ResolutionView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var n = reader.GetInt32(3);
            double? Rate(int count) => n == 0 ? null : Math.Round((double)count / n, 4);
            var (contained, verified, handed, reAsked, reopened, abandoned) =
                (reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9));
            views.Add(new ResolutionView(
                reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), start, end,
                n, contained, verified, handed, reAsked, reopened, abandoned, reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12),
                Rate(contained), Rate(verified), Rate(handed), Rate(reAsked), Rate(reopened), Rate(abandoned)));
        }

        return views;
    }
}
