using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SupportBot.Evaluation.Reviews;

/// <summary>
/// Draws the manual-review sample: per category, the items whose hash of (seed, item id) is smallest. The same run
/// and seed give the same sample on any machine, in any order the items are read, and a larger sample contains the
/// smaller one. (System.Random is seeded-deterministic too, but its draws depend on the order of the input.)
/// </summary>
public static class ReviewSampler
{
    public sealed record Candidate(Guid ItemId, string? Category);

    public sealed record Drawn(Guid ItemId, string? Category, int Position);

    public static IReadOnlyList<Drawn> Draw(IEnumerable<Candidate> items, int perCategory, int seed) =>
        [.. items
            .GroupBy(i => i.Category)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g
                .OrderBy(i => Rank(seed, i.ItemId))
                .ThenBy(i => i.ItemId)
                .Take(perCategory)
                .Select((i, position) => new Drawn(i.ItemId, i.Category, position)))];

    private static ulong Rank(int seed, Guid itemId)
    {
        Span<byte> input = stackalloc byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(input, seed);
        itemId.TryWriteBytes(input[4..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
