using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Contracts;

namespace SupportBot.Api.Input;

/// <summary>
/// Every string the API reads from a JSON body passes here, so text Postgres cannot store is refused
/// while binding (a 400 naming the field, see <see cref="BadRequestExceptionHandler"/>) instead of
/// failing later in a write, once per endpoint or not at all.
/// </summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // Same message shape as the built-in converter; the serializer adds the path.
            throw new JsonException($"Expected a string, got {reader.TokenType}.");
        }

        string? value;
        try
        {
            value = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") that the reader cannot transcode.
            throw new JsonException($"The text {StorableText.Problem}.");
        }

        return StorableText.IsStorable(value) ? value : throw new JsonException($"The text {StorableText.Problem}.");
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
