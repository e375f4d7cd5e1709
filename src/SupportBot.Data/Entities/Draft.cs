namespace SupportBot.Data.Entities;

/// <summary>A reply the agent drafted for a ticket, with what it was built from.</summary>
public sealed class Draft
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public required string TraceId { get; set; }
    public required string Text { get; set; }
    public required string Category { get; set; }
    public double CategoryConfidence { get; set; }

    /// <summary>"given" when the ticket came with a category, else "classified".</summary>
    public required string CategorySource { get; set; }

    public bool Handoff { get; set; }
    public string? HandoffReason { get; set; }
    public required string PromptName { get; set; }
    public int PromptVersion { get; set; }
    public required string Model { get; set; }

    /// <summary>JSON array of the help-article versions used: slug, version, url, title.</summary>
    public required string Citations { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
