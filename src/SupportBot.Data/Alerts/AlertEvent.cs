namespace SupportBot.Data.Alerts;

/// <summary>
/// One half of an alert's life as Alertmanager reported it: "firing" (from StartsAt) or "resolved"
/// (at EndsAt). Repeats of the same notification map to the same row (fingerprint, status, start).
/// </summary>
public sealed class AlertEvent
{
    public Guid Id { get; set; }
    public required string Fingerprint { get; set; }
    public required string Status { get; set; }
    public required string AlertName { get; set; }
    /// <summary>Labels as a JSON object (jsonb), e.g. {"alertname":"...","category":"billing"}.</summary>
    public required string Labels { get; set; }
    public required string Annotations { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    /// <summary>Null while firing (Alertmanager sends year 1 for "not ended").</summary>
    public DateTimeOffset? EndsAt { get; set; }
    public string? GeneratorUrl { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
