using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.AI;
using SupportBot.Drafting.Retrieval;
using SupportBot.Embeddings;

namespace SupportBot.Benchmarks;

/// <summary>
/// What hybrid retrieval adds to a draft in process, with 100,000 historical tickets: the query's
/// embedding (all-MiniLM-L6-v2, one thread) and the exact search over 100,000 × 384 float32 question
/// vectors (TensorPrimitives.Dot), over everything and within one of 8 categories. The vectors are
/// random unit vectors: the search's cost does not depend on their values. Results: docs/benchmarks.md.
/// </summary>
[Config(typeof(Config))]
public sealed class SemanticSearchBenchmarks : IDisposable
{
    private const int Tickets = 100_000;
    private const int Categories = 8;
    private const string Query = "Hello, we bought the annual Team plan three days ago by mistake. Can we get a refund of the annual charge?";

    private MiniLmEmbeddingGenerator? _model;
    private VectorSnapshot? _snapshot;
    private float[] _query = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _model = new MiniLmEmbeddingGenerator();
        _query = (await _model.GenerateAsync([Query]))[0].Vector.ToArray();
        var random = new Random(12);
        var blocks = new Dictionary<string, VectorBlock>();
        for (var c = 0; c < Categories; c++)
        {
            var count = Tickets / Categories;
            var vectors = new float[count * MiniLmEmbeddingGenerator.Dimensions];
            for (var i = 0; i < vectors.Length; i++)
            {
                vectors[i] = (float)(random.NextDouble() - 0.5);
            }

            for (var row = 0; row < count; row++)
            {
                var span = vectors.AsSpan(row * MiniLmEmbeddingGenerator.Dimensions, MiniLmEmbeddingGenerator.Dimensions);
                System.Numerics.Tensors.TensorPrimitives.Divide(span, System.Numerics.Tensors.TensorPrimitives.Norm(span), span);
            }

            blocks[$"category-{c}"] = new VectorBlock($"category-{c}", [.. Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7())], vectors);
        }

        _snapshot = new VectorSnapshot("bench", MiniLmEmbeddingGenerator.Dimensions, blocks);
    }

    [Benchmark(Description = "embed the query (MiniLM, 1 thread)")]
    public async Task<int> Embed() => (await _model!.GenerateAsync([Query]))[0].Vector.Length;

    [Benchmark(Description = "search 100,000 vectors, no category")]
    public int SearchAll() => _snapshot!.Search(_query, null, Retriever.CandidatePool, []).Count;

    [Benchmark(Description = "search one category's 12,500 vectors")]
    public int SearchCategory() => _snapshot!.Search(_query, "category-3", Retriever.CandidatePool, []).Count;

    [GlobalCleanup]
    public void Dispose() => _model?.Dispose();

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Short on purpose: the machine is shared.
            AddJob(Job.ShortRun
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true))
                .WithWarmupCount(3)
                .WithIterationCount(10));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "supportbot-bench", "artifacts"));
        }
    }
}
