using Microsoft.Extensions.AI;

namespace SupportBot.Embeddings;

/// <summary>
/// The few questions most callers ask of the embedding generator: a text's vector, and how alike two texts are.
/// The model id travels with every vector so that vectors of different models are never compared.
/// </summary>
public sealed class TextEmbeddings(IEmbeddingGenerator<string, Embedding<float>> generator)
{
    public string ModelId { get; } =
        generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";

    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
        (await generator.GenerateVectorAsync(text, cancellationToken: cancellationToken)).ToArray();

    public async Task<IReadOnlyList<float[]>> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        return embeddings.Select(e => e.Vector.ToArray()).ToArray();
    }

    /// <summary>Cosine similarity of two texts' embeddings.</summary>
    public async Task<float> SimilarityAsync(string a, string b, CancellationToken cancellationToken = default)
    {
        var vectors = await EmbedManyAsync([a, b], cancellationToken);
        return VectorMath.Cosine(vectors[0], vectors[1]);
    }
}
