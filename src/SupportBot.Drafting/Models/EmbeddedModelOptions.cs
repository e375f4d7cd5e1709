namespace SupportBot.Drafting.Models;

/// <summary>Thresholds of the embedded drafter (configuration section Drafting:Embedded).</summary>
public sealed class EmbeddedModelOptions
{
    public const string ModelId = "supportbot-extractive-1";

    /// <summary>Below this similarity the best resolved ticket is not the same problem: hand off instead of guessing.</summary>
    public double MinTicketScore { get; set; } = 0.3;

    /// <summary>Below this an article is not cited.</summary>
    public double MinArticleScore { get; set; } = 0.12;
}
