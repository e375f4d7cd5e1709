using System.Text.Json.Serialization;

namespace SupportBot.Contracts;

/// <summary>
/// One historical ticket for <c>POST /api/tickets/import</c>: the same fields as a line of a JSONL
/// export (the endpoint also accepts their aliases, as the file importer does). Only body is
/// required; every other field may be left out.
/// </summary>
public sealed record TicketImportItem(
    string? Id = null,
    string? Subject = null,
    string? Body = null,
    string? Answer = null,
    string? Category = null,
    string? Language = null,
    IReadOnlyList<string>? Tags = null,
    string? Priority = null,
    DateTimeOffset? Created = null,
    DateTimeOffset? Resolved = null,
    bool? Escalated = null,
    [property: JsonPropertyName("customer_name")] string? CustomerName = null);

/// <summary>A row that was skipped: its 1-based line in a file, or its 0-based index in an API batch.</summary>
public sealed record ImportRowError(long Line, string Reason);

/// <summary>
/// What an import did. Every row read lands in exactly one count; <see cref="Duplicates"/> are rows
/// whose external id came again later in the same batch (the later row was kept).
/// <see cref="Errors"/> holds the first skipped rows only; <see cref="Skipped"/> counts them all.
/// </summary>
public sealed record ImportSummary(
    long Imported,
    long Updated,
    long Unchanged,
    long Skipped,
    long Duplicates,
    IReadOnlyList<ImportRowError> Errors)
{
    public long RowsRead => Imported + Updated + Unchanged + Skipped + Duplicates;
}
