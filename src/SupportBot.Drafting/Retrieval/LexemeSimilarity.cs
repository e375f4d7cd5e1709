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
        var shared = small.Count(lookup.Contains);
        return shared / Math.Sqrt((double)query.Count * document.Count);
    }
}
