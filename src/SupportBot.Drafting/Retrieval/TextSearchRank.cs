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
    /// The rank of a document for a query that ORs <paramref name="terms"/>. Postgres sums over the
    /// query's distinct operands in their sorted order; the order matters for float rounding.
    /// </summary>
    public static float RankOr(IReadOnlyDictionary<string, NpgsqlTsVector.Lexeme> document, IReadOnlyList<string> terms)
    {
        if (document.Count == 0 || terms.Count == 0)
        {
            return 0;
        }

        var distinct = terms.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        float res = 0;
        foreach (var term in distinct)
        {
            if (!document.TryGetValue(term, out var entry))
            {
                continue;
            }

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
            res = (float)(res + (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685);
        }

        res /= distinct.Count;
        return res < 0 ? 1e-20f : res;
    }
}
