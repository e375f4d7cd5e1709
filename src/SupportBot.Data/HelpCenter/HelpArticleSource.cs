using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SupportBot.Data.HelpCenter;

/// <summary>An article as its source has it (a Markdown file or an API call); the body stays Markdown.</summary>
public sealed record HelpArticleSource(string Slug, string Title, string Body, string Url, string? Category, string Language)
{
    /// <summary>
    /// Lower-case hex SHA-256 over everything that makes a new version. The fields go in as a JSON
    /// array so no two different articles hash alike by shifting text across a field boundary, and
    /// a missing category differs from an empty one.
    /// </summary>
    public string ContentHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(new[] { Title, Body, Url, Category, Language }))));
}
