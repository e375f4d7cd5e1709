using Npgsql;

namespace SupportBot.Tests.Drafting;

public sealed record StoredTicket(
    string ExternalId,
    string Source,
    string? Category,
    string Subject,
    string Body,
    string Language,
    string? CustomerName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string? SentReply,
    bool Escalated,
    string[] Tags,
    string? Priority,
    string ContentHash,
    DateTimeOffset UpdatedAt,
    bool Searchable);

/// <summary>Reads tickets straight from Postgres, only this test's (by id or subject prefix), never global counts.</summary>
public sealed class StoredTickets(string connectionString)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<List<StoredTicket>> WithIdPrefixAsync(string prefix) =>
        await QueryAsync("external_id LIKE $1 || '%'", prefix);

    /// <summary>For tickets imported without ids, whose external id is a hash: find them by their subject.</summary>
    public async Task<List<StoredTicket>> WithSubjectPrefixAsync(string prefix) =>
        await QueryAsync("subject LIKE $1 || '%'", prefix);

    public async Task<StoredTicket> SingleAsync(string externalId) =>
        Assert.Single(await QueryAsync("external_id = $1", externalId));

    public async Task<string?> CategoryPhaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT phase FROM categories WHERE name = $1", connection) { Parameters = { new() { Value = name } } };
        return (string?)await command.ExecuteScalarAsync(Ct);
    }

    private async Task<List<StoredTicket>> QueryAsync(string where, string value)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT external_id, source, category, subject, body, language, customer_name, created_at, resolved_at, sent_reply,
                   escalated, tags, priority, content_hash, updated_at, search_vector <> ''::tsvector
            FROM tickets WHERE {where} ORDER BY external_id
            """,
            connection)
        {
            Parameters = { new() { Value = value } },
        };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var tickets = new List<StoredTicket>();
        while (await reader.ReadAsync(Ct))
        {
            tickets.Add(new StoredTicket(
                reader.GetString(0), reader.GetString(1), Nullable<string>(reader, 2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Nullable<string>(reader, 6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), Nullable<string>(reader, 9), reader.GetBoolean(10),
                reader.GetFieldValue<string[]>(11), Nullable<string>(reader, 12), reader.GetString(13),
                reader.GetFieldValue<DateTimeOffset>(14), reader.GetBoolean(15)));
        }

        return tickets;
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
