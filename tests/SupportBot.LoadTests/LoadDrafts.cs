using Npgsql;

namespace SupportBot.LoadTests;

/// <summary>
/// Drafts to send signals about, written straight into the database (tickets, traces, drafts) in
/// one statement each: tens of thousands of drafts through the drafting pipeline would take longer
/// than the load test itself, and the pipeline is not what is measured here.
/// </summary>
public static class LoadDrafts
{
    public const string Category = "loadtest";

    public const string DraftText =
        "Hi there,\n\nThanks for reaching out. To export your tasks, open Reports, choose Export and pick CSV. " +
        "The download link arrives by email within 5 minutes and stays valid for 24 hours. If the Export button is " +
        "missing, ask your workspace admin to grant you the Reports permission under Settings > Members.\n\n" +
        "You can find the full guide at https://help.example.com/articles/export-tasks.\n\nBest regards,\nThe Support Team";

    /// <summary>What the team "sent": a mix of unchanged, tone-only, corrected and extended replies.</summary>
    public static string SentText(int i) => (i % 4) switch
    {
        0 => DraftText,
        1 => DraftText.Replace("Hi there,", "Hello!", StringComparison.Ordinal),
        2 => DraftText.Replace("24 hours", "48 hours", StringComparison.Ordinal),
        _ => DraftText + "\n\nP.S. Admins can also schedule a weekly export under Reports > Schedules.",
    };

    public static async Task<Guid[]> CreateAsync(NpgsqlDataSource db, int count)
    {
        await using (var category = db.CreateCommand($"INSERT INTO categories (name, phase, created_at) VALUES ('{Category}', 'internal', now()) ON CONFLICT DO NOTHING"))
        {
            await category.ExecuteNonQueryAsync();
        }

        var drafts = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        var tickets = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        var traces = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        string[] statements =
        [
            """
            INSERT INTO tickets (id, external_id, source, category, subject, body, language, created_at, escalated, tags, content_hash, updated_at)
            SELECT ticket, 'load-' || ticket, 'live', $4, 'Export missing', 'Where is the CSV export?', 'en', now(), false, '{}', 'load', now()
            FROM unnest($2::uuid[]) AS u(ticket)
            """,
            """
            INSERT INTO traces (id, name, ticket_id, draft_id, started_at, duration_ms, metadata)
            SELECT trace, 'draft', ticket, draft, now(), 1, '{}'
            FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS u(draft, ticket, trace)
            """,
            """
            INSERT INTO drafts (id, ticket_id, trace_id, text, category, category_confidence, category_source, handoff, prompt_name, prompt_version, model, citations, created_at)
            SELECT draft, ticket, trace, $5, $4, 1, 'given', false, 'support-reply', 1, 'load', '[]', now()
            FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS u(draft, ticket, trace)
            """,
        ];
        foreach (var sql in statements)
        {
            await using var command = db.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = drafts });
            command.Parameters.Add(new NpgsqlParameter { Value = tickets });
            command.Parameters.Add(new NpgsqlParameter { Value = traces });
            command.Parameters.Add(new NpgsqlParameter { Value = Category });
            command.Parameters.Add(new NpgsqlParameter { Value = DraftText });
            command.CommandTimeout = 300;
            await command.ExecuteNonQueryAsync();
        }

        return drafts;
    }
}
