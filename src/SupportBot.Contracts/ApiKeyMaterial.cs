using System.Security.Cryptography;
using System.Text;

namespace SupportBot.Contracts;

/// <summary>Making and hashing API keys, shared by the API, the CLI and the AppHost's dev keys.</summary>
public static class ApiKeyMaterial
{
    private const string Prefix = "sb_";

    /// <summary>A new key: "sb_" and 256 random bits, URL-safe so it pastes into headers and shells.</summary>
    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hex SHA-256 of the key, the only form that is stored.</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
