using System.Text.Json;

namespace SupportBot.Data.Import;

/// <summary>Reads a ticket from a JSON object (a JSONL line or an API batch item) by the field names of the mapping.</summary>
public static class JsonTicketFields
{
    public static ImportRow Parse(JsonElement element, long line, TicketFieldMapping mapping)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return ImportRow.Invalid(line, $"not a JSON object but {Describe(element.ValueKind)}");
        }

        var raw = new RawTicketFields();
        foreach (var property in element.EnumerateObject())
        {
            if (!mapping.TryMapProperty(property.Name, out var field, out var rank))
            {
                continue;
            }

            if (Read(field, property.Value, raw, rank) is { } error)
            {
                return ImportRow.Invalid(line, error);
            }
        }

        return TicketRecordParser.TryParse(raw, out var ticket, out var reason)
            ? ImportRow.Valid(line, ticket)
            : ImportRow.Invalid(line, reason);
    }

    private static string? Read(TicketField field, JsonElement value, RawTicketFields raw, int rank)
    {
        try
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.String:
                    raw.TrySet(field, value.GetString(), rank);
                    return null;
                case JsonValueKind.Number:
                    // Ids and Unix timestamps come as numbers; keep their digits as written.
                    raw.TrySet(field, value.GetRawText(), rank);
                    return null;
                case JsonValueKind.True or JsonValueKind.False:
                    raw.TrySet(field, value.GetBoolean() ? "true" : "false", rank);
                    return null;
                case JsonValueKind.Array when field == TicketField.Tags:
                    var tags = new List<string>();
                    foreach (var tag in value.EnumerateArray())
                    {
                        if (tag.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                        {
                            return $"tags must hold text, not {Describe(tag.ValueKind)}";
                        }

                        tags.Add(tag.ValueKind == JsonValueKind.String ? tag.GetString()! : tag.GetRawText());
                    }

                    if (raw.TrySet(field, string.Join(",", tags), rank))
                    {
                        raw.TagList = tags;
                    }

                    return null;
                default:
                    return $"{field.Name()} must be text, not {Describe(value.ValueKind)}";
            }
        }
        catch (InvalidOperationException)
        {
            // GetString throws on escapes that are not valid UTF-16, such as a lone "\ud800".
            return $"{field.Name()} has an invalid \\u escape";
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
