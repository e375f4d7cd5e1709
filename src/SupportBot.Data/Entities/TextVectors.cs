namespace SupportBot.Data.Entities;

/// <summary>
/// A sentence embedding of a historical ticket's question (subject and body) or of the reply that
/// resolved it, by one model. Vectors are float32 little-endian in a bytea (VectorMath.ToBytes);
/// ContentHash is the ticket's at the time, so a re-imported ticket with new text is embedded again.
/// </summary>
public sealed class TicketVector
{
    public Guid TicketId { get; set; }

    /// <summary><see cref="TicketVectorKinds.Question"/> or <see cref="TicketVectorKinds.Reply"/>.</summary>
    public required string Kind { get; set; }

    public required string ModelId { get; set; }
    public required string ContentHash { get; set; }
    public required byte[] Vector { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class TicketVectorKinds
{
    public const string Question = "question";
    public const string Reply = "reply";
}

/// <summary>A sentence embedding of one chunk (a run of paragraphs) of a help article's current version.</summary>
public sealed class ArticleChunkVector
{
    public Guid ArticleId { get; set; }
    public int Chunk { get; set; }
    public required string ModelId { get; set; }

    /// <summary>The article's content hash: a new version replaces every chunk.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Where the chunk starts in the article body, and how long it is.</summary>
    public int Start { get; set; }

    public int Length { get; set; }
    public required byte[] Vector { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
