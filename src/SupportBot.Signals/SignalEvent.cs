using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Signals;

/// <summary>
/// What the API puts on the stream for one signal. <see cref="Id"/> is the idempotency key: a
/// redelivered entry, or the same event added twice, writes its scores once.
/// </summary>
public sealed record SignalEvent(
    string Id,
    string Type,
    Guid DraftId,
    DateTimeOffset AcceptedAt,
    string? Text = null,
    string? AgentId = null,
    DateTimeOffset? SentAt = null,
    string? Thumb = null,
    string? Comment = null)
{
    /// <summary>The stream entry's one field.</summary>
    public const string Field = "event";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a stream payload; throws <see cref="MalformedSignalException"/> for anything the worker cannot use.</summary>
    public static SignalEvent Parse(string? json)
    {
        SignalEvent? parsed;
        try
        {
            parsed = json is null ? null : JsonSerializer.Deserialize<SignalEvent>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new MalformedSignalException($"Payload is not a signal event: {ex.Message}");
        }

        return parsed switch
        {
            null => throw new MalformedSignalException("Entry has no event payload."),
            { Id: not { Length: > 0 } } => throw new MalformedSignalException("Event has no id."),
            { Type: SignalTypesAlias.Sent, Text: null } => throw new MalformedSignalException("A sent event needs the sent text."),
            { Type: SignalTypesAlias.Feedback, Thumb: not (Contracts.Thumbs.Up or Contracts.Thumbs.Down) } => throw new MalformedSignalException("A feedback event needs thumb up or down."),
            { Type: not (SignalTypesAlias.Sent or SignalTypesAlias.Feedback) } => throw new MalformedSignalException($"Unknown event type '{parsed.Type}'."),
            _ => parsed,
        };
    }

    /// <summary>
    /// Why Postgres would refuse this event's text, or null. The API refuses such text before 202;
    /// this catches events queued before that check (or by another publisher).
    /// </summary>
    public string? UnstorableText() =>
        new[] { (nameof(Text), Text), (nameof(AgentId), AgentId), (nameof(Comment), Comment), (nameof(Thumb), Thumb) }
            .FirstOrDefault(f => !Contracts.StorableText.IsStorable(f.Item2)) is { Item1: { } field }
            ? $"The event's {field} {Contracts.StorableText.Problem}."
            : null;

    private static class SignalTypesAlias
    {
        public const string Sent = Contracts.SignalTypes.Sent;
        public const string Feedback = Contracts.SignalTypes.Feedback;
    }
}

public sealed class MalformedSignalException(string message) : Exception(message);
