using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SupportBot.Data.HelpCenter;

public abstract record ParsedArticle
{
    public sealed record Valid(HelpArticleSource Article) : ParsedArticle;

    /// <summary><paramref name="Slug"/> is set when the file got far enough to have one.</summary>
    public sealed record Invalid(string? Slug, string Reason) : ParsedArticle;
}

/// <summary>
/// One help-center Markdown file: YAML front matter between '---' lines (slug, title, url,
/// category, language), then the Markdown body, kept as written.
/// </summary>
public static partial class MarkdownArticleParser
{
    // Unknown keys are allowed so authors can keep their own notes (tags, owner) in the front matter;
    // a key given twice is an error because silently taking one of them hides a mistake.
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .WithDuplicateKeyChecking()
        .Build();

    public static ParsedArticle Parse(string text, string defaultSlug)
    {
        var match = FrontMatterPattern().Match(text);
        if (!match.Success)
        {
            return new ParsedArticle.Invalid(null, OpeningLinePattern().IsMatch(text)
                ? "the front matter has no closing '---' line"
                : "no front matter: the file must start with a '---' line, YAML (title, url, ...) and a closing '---' line");
        }

        FrontMatter? frontMatter;
        try
        {
            frontMatter = Yaml.Deserialize<FrontMatter?>(match.Groups["yaml"].Value);
        }
        catch (YamlException ex)
        {
            // The opening '---' is line 1 of the file, so YAML line n is file line n + 1.
            return new ParsedArticle.Invalid(null, $"invalid YAML in the front matter at line {ex.Start.Line + 1}, column {ex.Start.Column}: {Describe(ex)}");
        }

        var article = HelpArticleRules.Normalize(
            frontMatter?.Slug ?? defaultSlug,
            frontMatter?.Title,
            text[match.Length..],
            frontMatter?.Url,
            frontMatter?.Category,
            frontMatter?.Language);
        var errors = HelpArticleRules.Validate(article);
        return errors.Count == 0
            ? new ParsedArticle.Valid(article)
            : new ParsedArticle.Invalid(errors.ContainsKey("slug") ? null : article.Slug, HelpArticleRules.Describe(errors));
    }

    /// <summary>YamlDotNet's type errors name .NET types; authors need to hear what to write instead.</summary>
    private static string Describe(YamlException ex) =>
        ex.Message.StartsWith("No node deserializer", StringComparison.Ordinal) || ex.InnerException is InvalidCastException
            ? "expected 'key: value' lines with plain-text values"
            : ex.Message;

    [GeneratedRegex(@"\A\uFEFF?---[ \t]*\r?\n(?<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\z)", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FrontMatterPattern();

    [GeneratedRegex(@"\A\uFEFF?---[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex OpeningLinePattern();

    private sealed class FrontMatter
    {
        public string? Slug { get; set; }
        public string? Title { get; set; }
        public string? Url { get; set; }
        public string? Category { get; set; }
        public string? Language { get; set; }
    }
}
