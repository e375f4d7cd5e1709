namespace SupportBot.Data.Entities;

/// <summary>
/// One immutable version of a prompt. Labels ("production", "candidate") point at versions; a label
/// is on at most one version of a name at a time, and drafting uses "production" unless told otherwise.
/// </summary>
public sealed class PromptVersion
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }
    public required string Template { get; set; }

    /// <summary>Model settings as JSON (model, temperature, max output tokens).</summary>
    public required string Settings { get; set; }

    public string[] Labels { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
