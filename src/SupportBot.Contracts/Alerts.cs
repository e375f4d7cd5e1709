using System.Text.Json.Serialization;

namespace SupportBot.Contracts;

/// <summary>Alertmanager's webhook payload (version 4), the parts SupportBot reads.</summary>
public sealed record AlertmanagerWebhook(
    string? Version,
    string? Status,
    string? Receiver,
    string? GroupKey,
    IReadOnlyList<AlertmanagerAlert>? Alerts);

public sealed record AlertmanagerAlert(
    string? Status,
    IReadOnlyDictionary<string, string>? Labels,
    IReadOnlyDictionary<string, string>? Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    [property: JsonPropertyName("generatorURL")] string? GeneratorUrl,
    string? Fingerprint);

/// <summary>How many of a webhook's events were new (repeats of stored events are not stored again).</summary>
public sealed record AlertWebhookResult(int Received, int Stored);

/// <summary>One stored alert event.</summary>
public sealed record AlertEventView(
    Guid Id,
    string Fingerprint,
    string Status,
    string AlertName,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl,
    DateTimeOffset ReceivedAt);

public sealed record AlertEventPage(IReadOnlyList<AlertEventView> Items, int Total, int Page, int PageSize);
