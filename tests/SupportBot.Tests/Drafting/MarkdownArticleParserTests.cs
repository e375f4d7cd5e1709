using SupportBot.Data;
using SupportBot.Data.HelpCenter;

namespace SupportBot.Tests.Drafting;

/// <summary>The article file format, without a database.</summary>
public sealed class MarkdownArticleParserTests
{
    [Fact]
    public void Front_matter_fields_are_read_and_the_body_stays_markdown()
    {
        const string text = """
            ---
            slug: export-data
            title: Exporting your workspace data
            category: how-to
            url: https://help.tasklane.example/articles/export-data
            language: de
            owner: docs-team
            ---

            # Export

            1. Open **Settings**.
            2. Click [Export](https://app.tasklane.example/export).

            """;

        var article = Assert.IsType<ParsedArticle.Valid>(MarkdownArticleParser.Parse(text, "ignored")).Article;

        Assert.Equal(new HelpArticleSource(
            "export-data",
            "Exporting your workspace data",
            "# Export\n\n1. Open **Settings**.\n2. Click [Export](https://app.tasklane.example/export).",
            "https://help.tasklane.example/articles/export-data",
            "how-to",
            "de"), article);
    }

    [Fact]
    public void Slug_defaults_to_the_file_name_language_to_en_and_windows_line_endings_work()
    {
        var text = "\uFEFF---\r\ntitle: Resetting your password\r\nurl: https://help.example/reset\r\n---\r\n    indented code\r\n";

        var article = Assert.IsType<ParsedArticle.Valid>(MarkdownArticleParser.Parse(text, "reset-password")).Article;

        Assert.Equal("reset-password", article.Slug);
        Assert.Equal("en", article.Language);
        Assert.Null(article.Category);
        Assert.Equal("    indented code", article.Body);
    }

    [Theory]
    [InlineData("# Just markdown\n", "no front matter")]
    [InlineData("---\ntitle: Never closed\nurl: https://help.example/x\n\nbody\n", "no closing '---'")]
    [InlineData("---\ntitle: [unclosed\nurl: https://help.example/x\n---\nbody\n", "invalid YAML in the front matter at line 2")]
    [InlineData("---\ntitle: a: b\nurl: https://help.example/x\n---\nbody\n", "invalid YAML in the front matter at line 2")]
    [InlineData("---\ntitle: One\ntitle: Two\nurl: https://help.example/x\n---\nbody\n", "duplicate key title")]
    [InlineData("---\ntitle:\n  - a list\nurl: https://help.example/x\n---\nbody\n", "plain-text values")]
    [InlineData("---\nurl: https://help.example/x\n---\nbody\n", "title: A title is required.")]
    [InlineData("---\ntitle: No link\n---\nbody\n", "url: A URL is required.")]
    [InlineData("---\ntitle: Relative\nurl: /articles/x\n---\nbody\n", "url: The URL must be an absolute http or https URL.")]
    [InlineData("---\ntitle: Empty\nurl: https://help.example/x\n---\n\n   \n", "body: A body is required.")]
    [InlineData("---\nslug: Export_Data\ntitle: Bad slug\nurl: https://help.example/x\n---\nbody\n", "slug: The slug must be")]
    [InlineData("---\ntitle: Bad language\nurl: https://help.example/x\nlanguage: english-united-kingdom\n---\nbody\n", "language: ")]
    public void A_broken_file_is_invalid_with_a_reason(string text, string reason)
    {
        var invalid = Assert.IsType<ParsedArticle.Invalid>(MarkdownArticleParser.Parse(text, "some-article"));

        Assert.Contains(reason, invalid.Reason);
    }

    [Fact]
    public void Every_field_limit_is_checked_and_reported_by_field_name()
    {
        var article = HelpArticleRules.Normalize(
            slug: new string('a', HelpArticleRules.MaxSlugLength + 1),
            title: new string('t', HelpArticleRules.MaxTitleLength + 1),
            body: new string('b', TextLimits.Body + 1),
            url: "ftp://help.example/x",
            category: new string('c', TextLimits.CategoryName + 1),
            language: "e");

        var errors = HelpArticleRules.Validate(article);

        Assert.Equal(["body", "category", "language", "slug", "title", "url"], errors.Keys.Order());
    }

    [Fact]
    public void The_content_hash_changes_with_every_field_and_only_with_content()
    {
        var article = new HelpArticleSource("a", "Title", "Body", "https://help.example/a", "how-to", "en");
        var variants = new[]
        {
            article with { Title = "Title 2" },
            article with { Body = "Body 2" },
            article with { Url = "https://help.example/b" },
            article with { Category = null },
            article with { Category = "" },
            article with { Language = "de" },
            // Text moved across a field boundary must not hash alike.
            article with { Title = "TitleB", Body = "ody" },
        };

        Assert.Equal(article.ContentHash(), (article with { Slug = "other" }).ContentHash());
        Assert.Equal(64, article.ContentHash().Length);
        Assert.Equal(variants.Length + 1, variants.Select(v => v.ContentHash()).Append(article.ContentHash()).Distinct().Count());
    }
}
