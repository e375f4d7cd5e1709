using System.ComponentModel.DataAnnotations;
namespace SupportBot.Contracts;

/// <summary>One article, as sent to <c>POST /api/help-articles</c>. Language defaults to "en".</summary>
public sealed record UpsertHelpArticleRequest([Required] string? Slug, [Required] string? Title, [Required] string? Body, string? Url, string? Category, string? Language);

/// <summary><paramref name="Changed"/> is false when the article already had exactly this content.</summary>
public sealed record UpsertHelpArticleResponse(string Slug, int Version, bool Changed);

/// <summary>
/// One version of an article. <paramref name="CurrentVersion"/> is there so a caller holding an old
/// citation sees at once whether it is stale.
/// </summary>
public sealed record HelpArticleDetail(
    string Slug,
    int Version,
    int CurrentVersion,
    string Title,
    string Body,
    string Url,
    string? Category,
    string Language,
    string ContentHash,
    DateTimeOffset RecordedAt);

public sealed record HelpArticleSummary(string Slug, string Title, int Version, string? Category, string Language, DateTimeOffset UpdatedAt);

/// <summary>What a reindex did. Articles with errors were skipped; the rest were indexed.</summary>
public sealed record ReindexSummary(int Added, int Updated, int Unchanged, IReadOnlyList<ReindexError> Errors);

/// <summary>Why one article was skipped: <paramref name="File"/> when it came from a folder, <paramref name="Slug"/> when known.</summary>
public sealed record ReindexError(string? File, string? Slug, string Reason);
