using Npgsql;
using SupportBot.Data.Models;
using SupportBot.Signals.Edits;

namespace SupportBot.Models.Shadow;

/// <summary>
/// Shadow mode's scoring half (worker): once the team's reply for a shadowed ticket is recorded (the signal consumer
/// commits the `sent` event into draft_outcomes together with the production draft's edit distance), the shadow draft
/// is measured against that same reply with the same metric (<see cref="EditDistance"/>): the edit distance it would
/// have had. The update only applies while the row is unscored, so a repeat scores nothing twice.
/// </summary>
public sealed class ShadowScorer(NpgsqlDataSource dataSource, ShadowMetrics metrics)
{
    public async Task<int> RunOnceAsync(int batchSize, CancellationToken cancellationToken)
    {
        var pending = new List<(Guid Id, string Candidate, string Category, string Text, string Sent, DateTimeOffset SentAt, double Production)>();
        await using (var select = dataSource.CreateCommand(
            $"""
            SELECT s.id, s.candidate, s.category, s.text, o.sent_text, o.sent_at, o.word_edit_distance
            FROM shadow_drafts s JOIN draft_outcomes o ON o.draft_id = s.production_draft_id
            WHERE s.scored_at IS NULL AND s.status = '{ShadowDraftStatuses.Drafted}'
              AND o.sent_at IS NOT NULL AND o.sent_text IS NOT NULL AND o.word_edit_distance IS NOT NULL
            ORDER BY o.sent_at
            LIMIT $1
            """))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = batchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? "" : reader.GetString(3),
                    reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetDouble(6)));
            }
        }

        foreach (var row in pending)
        {
            var words = EditDistance.Words(row.Text, row.Sent);
            var characters = EditDistance.Characters(row.Text, row.Sent);
            await using var update = dataSource.CreateCommand(
                """
                UPDATE shadow_drafts SET edit_distance = $2, edit_distance_chars = $3, production_edit_distance = $4, sent_at = $5, scored_at = now()
                WHERE id = $1 AND scored_at IS NULL
                """);
            foreach (var value in new object[] { row.Id, words, characters, row.Production, row.SentAt })
            {
                update.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                metrics.Scored(row.Category, row.Candidate, words);
            }
        }

        return pending.Count;
    }
}
