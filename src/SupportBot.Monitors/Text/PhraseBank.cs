using System.Collections.Concurrent;
using SupportBot.Embeddings;

namespace SupportBot.Monitors.Text;

/// <summary>
/// Example phrasings of one kind of problem, embedded once (all-MiniLM-L6-v2 through <see cref="TextEmbeddings"/>):
/// a sentence close to one of them (cosine ≥ threshold) is flagged even when no rule knows its words.
/// </summary>
public sealed class PhraseBank(string kind, string severity, double threshold, IReadOnlyList<string> examples)
{
    private Task<IReadOnlyList<float[]>>? _vectors;

    public string Kind { get; } = kind;
    public string Severity { get; } = severity;
    public double Threshold { get; } = threshold;
    public IReadOnlyList<string> Examples { get; } = examples;

    public async Task<(double Similarity, string Example)> NearestAsync(float[] sentence, SentenceVectors vectors, CancellationToken cancellationToken)
    {
        var examples = await (_vectors ??= vectors.EmbedManyAsync(Examples, CancellationToken.None));
        var best = (Similarity: -1.0, Example: "");
        for (var i = 0; i < examples.Count; i++)
        {
            var similarity = VectorMath.Cosine(sentence, examples[i]);
            if (similarity > best.Similarity)
            {
                best = (similarity, Examples[i]);
            }
        }

        return best;
    }
}

/// <summary>
/// Sentence vectors with an in-process cache in front of the embedding generator (which has the Redis cache behind
/// it): bot replies repeat the same sentences often, and the monitors of one reply ask for the same sentence.
/// </summary>
public sealed class SentenceVectors(TextEmbeddings embeddings)
{
    private const int MaxCached = 50_000;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public string ModelId => embeddings.ModelId;

    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var vector = await embeddings.EmbedAsync(text, cancellationToken);
        Remember(text, vector);
        return vector;
    }

    public async Task<IReadOnlyList<float[]>> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_cache.TryGetValue(texts[i], out var cached))
            {
                result[i] = cached;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var computed = await embeddings.EmbedManyAsync([.. missing.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < missing.Count; j++)
            {
                result[missing[j]] = computed[j];
                Remember(texts[missing[j]], computed[j]);
            }
        }

        return result;
    }

    private void Remember(string text, float[] vector)
    {
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear(); // crude but bounded; a miss only costs one encode
        }

        _cache[text] = vector;
    }
}
