using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SupportBot.Data.Import;

/// <summary>
/// Turns a row's raw values into a <see cref="TicketRecord"/>, or says in a few words why the row is
/// skipped. Shared by the CSV and JSONL readers and the API so every entry point validates alike.
/// Reasons never quote ticket text (it may be personal data); only short values like dates.
/// </summary>
public static class TicketRecordParser
{
    public const string DefaultLanguage = "en";
    private static readonly char[] TagSeparators = [',', ';', '|'];

    public static bool TryParse(RawTicketFields raw, [NotNullWhen(true)] out TicketRecord? ticket, [NotNullWhen(false)] out string? error)
    {
        ticket = null;
        var body = Text(raw[TicketField.Body]);
        if (body is null)
        {
            error = "missing body";
            return false;
        }

        var subject = Text(raw[TicketField.Subject]) ?? "";
        var answer = Text(raw[TicketField.Answer]);
        var category = Text(raw[TicketField.Category]);
        var customerName = Text(raw[TicketField.CustomerName]);
        var priority = Text(raw[TicketField.Priority])?.ToLowerInvariant();
        var externalId = Text(raw[TicketField.Id]);

        error = TooLong("body", body, TextLimits.Body)
            ?? TooLong("subject", subject, TextLimits.Subject)
            ?? TooLong("answer", answer, TextLimits.Body)
            ?? TooLong("category", category, TextLimits.CategoryName)
            ?? TooLong("customer_name", customerName, TextLimits.PersonName)
            ?? TooLong("priority", priority, TextLimits.Priority)
            ?? TooLong("id", externalId, TextLimits.ExternalId)
            ?? HasNul(subject, body, answer, category, customerName, priority, externalId);
        if (error is not null)
        {
            return false;
        }

        if (!TryLanguage(raw[TicketField.Language], out var language, out error)
            || !TryTags(raw, out var tags, out error)
            || !TryDate("created", raw[TicketField.Created], out var createdAt, out error)
            || !TryDate("resolved", raw[TicketField.Resolved], out var resolvedAt, out error)
            || !TryBoolean("escalated", raw[TicketField.Escalated], out var escalated, out error))
        {
            return false;
        }

        var contentHash = TicketHashes.ContentHash(
            subject, body, answer, category, language, tags, priority, createdAt, resolvedAt, escalated, customerName);
        ticket = new TicketRecord(
            externalId ?? TicketHashes.ExternalIdFor(subject, body), subject, body, answer, category, language, tags,
            priority, createdAt, resolvedAt, escalated, customerName, contentHash);
        return true;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? TooLong(string field, string? value, int limit) =>
        value is not null && value.Length > limit ? $"{field} is longer than {limit:N0} characters ({value.Length:N0})" : null;

    /// <summary>Postgres text cannot hold NUL; one would fail the whole batch, so the row goes instead.</summary>
    private static string? HasNul(params string?[] values) =>
        values.Any(v => v is not null && v.Contains('\0')) ? "contains a NUL character" : null;

    private static bool TryLanguage(string? raw, out string language, [NotNullWhen(false)] out string? error)
    {
        if (LanguageCodes.TryNormalize(raw, out var normalized))
        {
            (language, error) = (normalized, null);
            return true;
        }

        (language, error) = (DefaultLanguage, $"language '{Clip(raw)}' is not {LanguageCodes.Rule}");
        return false;
    }

    private static bool TryTags(RawTicketFields raw, out string[] tags, [NotNullWhen(false)] out string? error)
    {
        var given = raw.TagList ?? raw[TicketField.Tags]?.Split(TagSeparators) ?? [];
        tags = given.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        error = tags.Length > TextLimits.MaxTags
            ? $"more than {TextLimits.MaxTags} tags ({tags.Length})"
            : tags.FirstOrDefault(t => t.Length > TextLimits.Tag) is { } longTag
                ? $"a tag is longer than {TextLimits.Tag} characters ({longTag.Length})"
                : tags.Any(t => t.Contains('\0')) ? "contains a NUL character" : null;
        return error is null;
    }

    /// <summary>
    /// ISO 8601 and the other invariant forms ("2024-03-01 14:05", "03/01/2024"), or Unix seconds or
    /// milliseconds; a time without an offset is taken as UTC, as exports usually mean it.
    /// </summary>
    private static bool TryDate(string field, string? raw, out DateTimeOffset? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        var text = Text(raw);
        if (text is null)
        {
            return true;
        }

        if (text.All(char.IsAsciiDigit) && long.TryParse(text, CultureInfo.InvariantCulture, out var unix) && unix < 100_000_000_000_000)
        {
            value = unix < 100_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(unix) : DateTimeOffset.FromUnixTimeMilliseconds(unix);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        error = $"{field} date '{Clip(text)}' is not a date";
        return false;
    }

    private static bool TryBoolean(string field, string? raw, out bool value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        switch (Text(raw)?.ToLowerInvariant())
        {
            case null or "false" or "no" or "n" or "0" or "f":
                value = false;
                return true;
            case "true" or "yes" or "y" or "1" or "t":
                value = true;
                return true;
            default:
                value = false;
                error = $"{field} '{Clip(raw)}' is not true/false/yes/no/1/0";
                return false;
        }
    }

    private static string Clip(string? value) => value is null ? "" : value.Length <= 40 ? value.Trim() : value.Trim()[..37] + "...";
}
