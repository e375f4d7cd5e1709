namespace SupportBot.Data.Import;

/// <summary>
/// A historical ticket read from an export and validated, ready to write. <see cref="ExternalId"/>
/// is the export's id, or "sha256:" and a hash of subject and body when the export has none.
/// </summary>
public sealed record TicketRecord(
    string ExternalId,
    string Subject,
    string Body,
    string? Answer,
    string? Category,
    string Language,
    string[] Tags,
    string? Priority,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ResolvedAt,
    bool Escalated,
    string? CustomerName,
    string ContentHash);

/// <summary>One row of the input: a ticket, or why it was skipped. <see cref="Line"/> is where it starts.</summary>
public readonly record struct ImportRow(long Line, TicketRecord? Ticket, string? Error)
{
    public static ImportRow Valid(long line, TicketRecord ticket) => new(line, ticket, null);
    public static ImportRow Invalid(long line, string reason) => new(line, null, reason);
}
