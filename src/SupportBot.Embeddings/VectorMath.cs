using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace SupportBot.Embeddings;

/// <summary>Vector helpers shared by retrieval, classification, edit types, re-ask detection and monitors.</summary>
public static class VectorMath
{
    /// <summary>Cosine similarity in [-1, 1]; 0 when either vector is all zeros.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of different lengths ({a.Length} and {b.Length}) cannot be compared; were they made by different models?");
        }

        var norms = TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms == 0 ? 0 : TensorPrimitives.Dot(a, b) / norms;
    }

    /// <summary>The little-endian bytes of a vector, for a bytea column.</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    /// <summary>The vector stored by <see cref="ToBytes"/>.</summary>
    public static float[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new ArgumentException($"A stored vector has {bytes.Length} bytes, not a multiple of {sizeof(float)}.");
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
