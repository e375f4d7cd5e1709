using System.Text.Json;

namespace SupportBot.Drafting.Prompts;

/// <summary>Model settings stored with a prompt version. A null model means "the configured provider's default".</summary>
public sealed record PromptSettings(string? Model = null, float? Temperature = 0.2f, int? MaxOutputTokens = 800)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PromptSettings FromJson(string json) => JsonSerializer.Deserialize<PromptSettings>(json, Json) ?? new PromptSettings();
}
