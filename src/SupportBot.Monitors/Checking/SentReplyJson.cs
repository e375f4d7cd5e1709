using System.Text.Json;
using SupportBot.Contracts;

namespace SupportBot.Monitors.Checking;

/// <summary>The stream payload: a <see cref="SentReply"/> as JSON in one field.</summary>
public static class SentReplyJson
{
    public const string Field = "reply";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(SentReply reply) => JsonSerializer.Serialize(reply, Options);

    /// <summary>Null for a payload the worker cannot use (logged and acknowledged: retrying cannot fix it).</summary>
    public static SentReply? TryParse(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<SentReply>(json, Options) is { Reply: not null, TraceId: { Length: > 0 } } reply ? reply : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
