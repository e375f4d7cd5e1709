namespace SupportBot.Drafting.Retrieval;

/// <summary>What to look for: the ticket's text in its language, optionally within or favouring a category.</summary>
public sealed record RetrievalQuery(string Text, string Language, string? Category = null, int Limit = 5)
{
    /// <summary>Tickets never to return (the ticket being drafted, held-out dataset items).</summary>
    public IReadOnlyCollection<Guid> ExcludeTicketIds { get; init; } = [];
}

/// <summary>A resolved historical ticket similar to the query. Score is a cosine similarity (0..1) of the two lexeme sets.</summary>
public sealed record SimilarTicket(
    Guid Id, string ExternalId, string? Category, string Subject, string Reply, bool Escalated, string Language, double Score)
{
    /// <summary>Whom the reply was written to: a name the draft must never carry over.</summary>
    public string? CustomerName { get; init; }
}

/// <summary>A help article relevant to the query, at the version that was current when it was retrieved.</summary>
public sealed record ArticleHit(
    Guid Id, string Slug, int Version, string Title, string Url, string? Category, string Language, string Body, double Score);
