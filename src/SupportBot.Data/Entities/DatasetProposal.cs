namespace SupportBot.Data.Entities;

/// <summary>
/// A dataset suggested by `supportbot datasets propose`: resolved historical tickets of one category
/// whose resolutions look alike. Accepting it creates a real dataset and records its id here.
/// </summary>
public sealed class DatasetProposal
{
    public Guid Id { get; set; }

    /// <summary>All proposals of one propose run share a batch id.</summary>
    public Guid BatchId { get; set; }

    /// <summary>The tickets' category; null for the single "all resolved tickets" proposal.</summary>
    public string? Category { get; set; }

    public required string Name { get; set; }
    public int Size { get; set; }
    public string[] TopTerms { get; set; } = [];
    public string[] ExampleSubjects { get; set; } = [];
    public Guid[] TicketIds { get; set; } = [];

    /// <summary>"terms" when named from top terms, "model" when a configured model named it.</summary>
    public required string NamedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The dataset made from this proposal, once accepted.</summary>
    public Guid? AcceptedDatasetId { get; set; }
}
