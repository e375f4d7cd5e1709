using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using SupportBot.Embeddings;

namespace SupportBot.Tests.Embeddings;

/// <summary>The embedded model itself: shape, meaning, determinism under concurrency, and inputs past its window.</summary>
public sealed class MiniLmEmbeddingGeneratorTests
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Generator = new(() => new MiniLmEmbeddingGenerator());
    private static TextEmbeddings Texts => new(Generator.Value);

    [Fact]
    public async Task Vectors_have_the_models_dimensions_and_unit_length()
    {
        var vector = await Texts.EmbedAsync("Where did the CSV export go?", TestContext.Current.CancellationToken);

        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, vector.Length);
        Assert.InRange(TensorPrimitives.Norm(vector), 0.99f, 1.01f);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, Texts.ModelId);
    }

    [Fact]
    public async Task A_paraphrase_is_closer_than_an_unrelated_text()
    {
        var ct = TestContext.Current.CancellationToken;
        var paraphrase = await Texts.SimilarityAsync("I can't find the export button anymore", "Where did the option to export my data go?", ct);
        var unrelated = await Texts.SimilarityAsync("I can't find the export button anymore", "Please cancel my subscription and refund me", ct);

        Assert.True(paraphrase > 0.4f, $"paraphrase similarity {paraphrase}");
        Assert.True(paraphrase > unrelated + 0.2f, $"paraphrase {paraphrase} vs unrelated {unrelated}");
    }

    [Fact]
    public async Task Concurrent_calls_give_the_same_vectors_as_one_call()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] texts = ["reset my password", "invoice is wrong", "the app crashes on start", "add a team member"];
        var alone = await Texts.EmbedManyAsync(texts, ct);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Texts.EmbedAsync(texts[i % texts.Length], ct), ct)));

        for (var i = 0; i < concurrent.Length; i++)
        {
            Assert.Equal(alone[i % texts.Length], concurrent[i], new FloatTolerance(1e-5f));
        }
    }

    [Fact]
    public async Task A_text_longer_than_the_models_window_and_an_empty_text_still_embed()
    {
        var ct = TestContext.Current.CancellationToken;
        var longText = string.Join(' ', Enumerable.Repeat("the export dialog moved to settings after the update", 300));

        var vectors = await Texts.EmbedManyAsync([longText, string.Empty], ct);

        Assert.All(vectors, v => Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, v.Length));
        Assert.All(vectors[0], f => Assert.False(float.IsNaN(f)));
    }

    [Fact]
    public void Metadata_names_the_model()
    {
        var metadata = Generator.Value.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, metadata?.DefaultModelId);
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, metadata?.DefaultModelDimensions);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
