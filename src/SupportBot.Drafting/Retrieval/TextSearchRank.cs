using NpgsqlTypes;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// Postgres' <c>ts_rank(vector, query)</c> for an OR query with default weights and normalization 0,
/// computed in .NET so help articles can be ranked from an in-memory snapshot (no library ports it).
/// A line-by-line port of calc_rank_or in src/backend/utils/adt/tsrank.c, float (single precision)
/// where the C code uses float, so the ranks, and their ties, are the ones Postgres computes;
/// ArticleRankingTests compare the resulting rankings with Postgres'.
/// </summary>
public static class TextSearchRank
{
    // Postgres' default weights, indexed by NpgsqlTsVector.Lexeme.Weight (D = 0 ... A = 3).
    private static readonly float[] Weights = [0.1f, 0.2f, 0.4f, 1.0f];

    /// <summary>
    /// The rank of a document for a query that ORs <paramref name="terms"/>: the sum of
    /// <see cref="Add"/> over the query's distinct terms in <see cref="Sorted"/> order (the order
    /// matters for float rounding), then <see cref="Finish"/>.
    /// </summary>
    public static float RankOr(IReadOnlyDictionary<string, NpgsqlTsVector.Lexeme> document, IReadOnlyList<string> terms)
    {
        if (document.Count == 0 || terms.Count == 0)
        {
            return 0;
        }

        var sorted = Sorted(terms);
        float res = 0;
        foreach (var term in sorted)
        {
            if (document.TryGetValue(term, out var entry))
            {
                res = Add(res, entry);
            }
        }

        return Finish(res, sorted.Count);
    }

    /// <summary>The query's distinct operands in the order Postgres visits them (SortAndUniqItems).</summary>
    public static IReadOnlyList<string> Sorted(IReadOnlyList<string> terms) =>
        [.. terms.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>A running rank plus one matched term's occurrences (positions and their weights).</summary>
    public static float Add(float res, NpgsqlTsVector.Lexeme entry)
    {
        // A lexeme stored without positions counts as one position of weight D (POSNULL).
        var positions = entry.Count;
        float resj = 0, wjm = -1;
        var jm = 0;
        for (var j = 0; j < Math.Max(positions, 1); j++)
        {
            var w = positions == 0 ? Weights[0] : Weights[(int)entry[j].Weight];
            resj += w / ((j + 1) * (j + 1));
            if (w > wjm)
            {
                wjm = w;
                jm = j;
            }
        }

        // C: float + (float expression) / double, assigned back to a float.
        return (float)(res + (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685);
    }

    /// <summary>The rank from the running sum, divided by the number of distinct query terms.</summary>
    public static float Finish(float res, int distinctTerms)
    {
        res /= distinctTerms;
        return res < 0 ? 1e-20f : res;
    }
}
