namespace SupportBot.Data.Import;

/// <summary>The fields an import understands, whatever the export calls its columns.</summary>
public enum TicketField
{
    Id,
    Subject,
    Body,
    Answer,
    Category,
    Tags,
    Language,
    Priority,
    Created,
    Resolved,
    Escalated,
    CustomerName,
}

/// <summary>
/// The column names of the usual helpdesk exports (Zendesk, Freshdesk, Help Scout, plain CSV dumps)
/// for each field, most specific first: when an export has two of them, the first one wins.
/// </summary>
public static class TicketFieldNames
{
    public static IReadOnlyDictionary<TicketField, string[]> Aliases { get; } = new Dictionary<TicketField, string[]>
    {
        [TicketField.Id] = ["id", "ticket_id", "external_id"],
        [TicketField.Subject] = ["subject", "title"],
        [TicketField.Body] = ["body", "description", "question", "message"],
        [TicketField.Answer] = ["answer", "reply", "response", "resolution", "sent_reply"],
        [TicketField.Category] = ["category", "queue", "type"],
        [TicketField.Tags] = ["tags"],
        [TicketField.Language] = ["language", "lang", "locale"],
        [TicketField.Priority] = ["priority"],
        [TicketField.Created] = ["created", "created_at", "date"],
        [TicketField.Resolved] = ["resolved", "resolved_at", "closed_at"],
        [TicketField.Escalated] = ["escalated", "handoff"],
        [TicketField.CustomerName] = ["customer_name", "name", "requester"],
    };

    /// <summary>The name a user types in --map: the first alias ("customer_name", "body"...).</summary>
    public static string Name(this TicketField field) => Aliases[field][0];

    public static bool TryParse(string name, out TicketField field)
    {
        var wanted = Normalize(name);
        foreach (var (candidate, aliases) in Aliases)
        {
            if (aliases.Contains(wanted))
            {
                field = candidate;
                return true;
            }
        }

        field = default;
        return false;
    }

    /// <summary>"Ticket ID", "ticket-id" and "TICKET_ID" are the same column.</summary>
    public static string Normalize(string name) =>
        name.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
}
