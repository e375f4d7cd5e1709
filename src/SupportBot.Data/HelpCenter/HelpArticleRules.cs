using System.Text.RegularExpressions;

namespace SupportBot.Data.HelpCenter;

/// <summary>
/// What a valid article is, shared by the folder reader, the store and the API so every source is
/// held to the same limits. Errors are keyed by the request's JSON field names.
/// </summary>
public static partial class HelpArticleRules
{
    public const int MaxSlugLength = 200;
    public const int MaxTitleLength = 300;
    public const string DefaultLanguage = "en";

    /// <summary>Trims what people type around values and fills in defaults; validation comes after.</summary>
    public static HelpArticleSource Normalize(string? slug, string? title, string? body, string? url, string? category, string? language) => new(
        Slug: slug?.Trim() ?? "",
        Title: title?.Trim() ?? "",
        Body: TrimBlankLines(body ?? ""),
        Url: url?.Trim() ?? "",
        Category: string.IsNullOrWhiteSpace(category) ? null : category.Trim(),
        Language: string.IsNullOrWhiteSpace(language) ? DefaultLanguage : language.Trim());

    public static Dictionary<string, string[]> Validate(HelpArticleSource article)
    {
        var errors = new Dictionary<string, string[]>();

        if (article.Slug.Length is 0 or > MaxSlugLength || !SlugPattern().IsMatch(article.Slug))
        {
            errors["slug"] = [$"The slug must be 1 to {MaxSlugLength} characters of lowercase letters, digits and hyphens."];
        }

        if (article.Title.Length == 0)
        {
            errors["title"] = ["A title is required."];
        }
        else if (article.Title.Length > MaxTitleLength)
        {
            errors["title"] = [$"The title may be at most {MaxTitleLength} characters."];
        }

        if (article.Body.Length == 0)
        {
            errors["body"] = ["A body is required."];
        }
        else if (article.Body.Length > TextLimits.Body)
        {
            errors["body"] = [$"The body may be at most {TextLimits.Body} characters."];
        }

        if (article.Url.Length == 0)
        {
            errors["url"] = ["A URL is required."];
        }
        else if (!Uri.TryCreate(article.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors["url"] = ["The URL must be an absolute http or https URL."];
        }

        if (article.Category is { Length: > TextLimits.CategoryName })
        {
            errors["category"] = [$"The category may be at most {TextLimits.CategoryName} characters."];
        }

        if (article.Language.Length is < 2 or > TextLimits.Language || !LanguagePattern().IsMatch(article.Language))
        {
            errors["language"] = [$"The language must be a code of 2 to {TextLimits.Language} letters, digits or hyphens, such as 'en' or 'pt-BR'."];
        }

        return errors;
    }

    /// <summary>The errors as one line, for places that report per article rather than per field.</summary>
    public static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")));

    /// <summary>
    /// Drops blank lines around the body but keeps the first line's indentation, which is
    /// meaningful in Markdown (an indented code block).
    /// </summary>
    private static string TrimBlankLines(string text)
    {
        var trimmed = text.TrimEnd();
        var start = 0;
        for (var i = 0; i < trimmed.Length && char.IsWhiteSpace(trimmed[i]); i++)
        {
            if (trimmed[i] == '\n')
            {
                start = i + 1;
            }
        }

        return trimmed[start..];
    }

    [GeneratedRegex(@"\A[a-z0-9-]+\z")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9-]+\z")]
    private static partial Regex LanguagePattern();
}
