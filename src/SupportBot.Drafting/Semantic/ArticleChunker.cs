namespace SupportBot.Drafting.Semantic;

/// <summary>A run of an article's paragraphs, small enough for the embedding model's window (MiniLM reads 256 word pieces).</summary>
public readonly record struct ArticleChunk(int Index, int Start, int Length);

public static class ArticleChunker
{
    /// <summary>About 170 English words: what MiniLM reads before it truncates.</summary>
    public const int MaxChunkChars = 900;

    /// <summary>Paragraphs (blank-line separated) joined until the next would pass <see cref="MaxChunkChars"/>; a longer paragraph is split at sentence ends.</summary>
    public static IReadOnlyList<ArticleChunk> Chunk(string body)
    {
        var chunks = new List<ArticleChunk>();
        var start = -1;
        var end = 0;
        foreach (var (pStart, pEnd) in Pieces(body))
        {
            if (start >= 0 && pEnd - start > MaxChunkChars)
            {
                chunks.Add(new ArticleChunk(chunks.Count, start, end - start));
                start = -1;
            }

            if (start < 0)
            {
                start = pStart;
            }

            end = pEnd;
        }

        if (start >= 0)
        {
            chunks.Add(new ArticleChunk(chunks.Count, start, end - start));
        }

        return chunks;
    }

    private static IEnumerable<(int Start, int End)> Pieces(string body)
    {
        var position = 0;
        while (position < body.Length)
        {
            var next = body.IndexOf("\n\n", position, StringComparison.Ordinal);
            var end = next < 0 ? body.Length : next;
            var start = position;
            while (start < end && char.IsWhiteSpace(body[start]))
            {
                start++;
            }

            // A paragraph longer than a chunk: cut after the last sentence end that fits.
            while (end - start > MaxChunkChars)
            {
                var cut = body.LastIndexOfAny(['.', '!', '?', '\n'], start + MaxChunkChars - 1, MaxChunkChars);
                cut = cut <= start ? start + MaxChunkChars : cut + 1;
                yield return (start, cut);
                start = cut;
                while (start < end && char.IsWhiteSpace(body[start]))
                {
                    start++;
                }
            }

            if (end > start)
            {
                yield return (start, end);
            }

            position = next < 0 ? body.Length : next + 2;
        }
    }
}
