using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SupportBot.Data.Import;

/// <summary>The identity of a ticket without an id, and the fingerprint that tells a re-import what changed.</summary>
public static class TicketHashes
{
    public const string ExternalIdPrefix = "sha256:";

    /// <summary>For exports without ids: the same subject and body is the same ticket.</summary>
    public static string ExternalIdFor(string subject, string body) =>
        ExternalIdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject + "\n" + body)));

    /// <summary>Hex SHA-256 over every imported field, each length-prefixed so no two rows can collide by shifting text between fields.</summary>
    public static string ContentHash(
        string subject, string body, string? answer, string? category, string language, string[] tags, string? priority,
        DateTimeOffset? createdAt, DateTimeOffset? resolvedAt, bool escalated, string? customerName)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, subject);
        Append(hash, body);
        Append(hash, answer);
        Append(hash, category);
        Append(hash, language);
        Append(hash, tags.Length.ToString());
        foreach (var tag in tags)
        {
            Append(hash, tag);
        }

        Append(hash, priority);
        Append(hash, createdAt?.UtcDateTime.ToString("O"));
        Append(hash, resolvedAt?.UtcDateTime.ToString("O"));
        Append(hash, escalated ? "1" : "0");
        Append(hash, customerName);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        // -1 keeps "no value" apart from "".
        BinaryPrimitives.WriteInt32LittleEndian(length, value is null ? -1 : Encoding.UTF8.GetByteCount(value));
        hash.AppendData(length);
        if (value is not null)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(value));
        }
    }
}
