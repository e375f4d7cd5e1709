namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// Turns Postgres' ranking into a score a threshold can be put on. ts_rank grows with document
/// length and term repetition, so it says which candidates are best but not whether the best is
/// good enough; the cosine of the two (stemmed) lexeme sets does, and stays in 0..1.
/// </summary>
public static class LexemeSimilarity
{
    public static double Cosine(IReadOnlyCollection<string> query, IReadOnlyCollection<string> document)
    {
        if (query.Count == 0 || document.Count == 0)
        {
            return 0;
        }

        var (small, large) = query.Count <= document.Count ? (query, document) : (document, query);
        var lookup = large as ISet<string> ?? large.ToHashSet(StringComparer.Ordinal);
        return Cosine(small.Count(lookup.Contains), query.Count, document.Count);
    }

    /// <summary>
    /// The same cosine from counts: retrieval has Postgres count the shared lexemes (see Retriever),
    /// so documents' lexemes never travel to the client.
    /// </summary>
    public static double Cosine(int shared, int queryCount, int documentCount) =>
        queryCount == 0 || documentCount == 0 ? 0 : shared / Math.Sqrt((double)queryCount * documentCount);
}
