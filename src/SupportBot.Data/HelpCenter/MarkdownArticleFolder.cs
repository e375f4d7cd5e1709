using SupportBot.Contracts;

namespace SupportBot.Data.HelpCenter;

/// <summary>The articles a folder holds, and the files that could not be used, each with its reason.</summary>
public sealed record ArticleFolderContents(IReadOnlyList<HelpArticleSource> Articles, IReadOnlyList<ReindexError> Errors);

/// <summary>
/// Reads a help center kept as Markdown files (*.md, in subfolders too; hidden ones skipped). A bad
/// file is reported and skipped so one typo does not hold back the rest of the help center.
/// </summary>
public static class MarkdownArticleFolder
{
    private static readonly EnumerationOptions MarkdownFiles = new() { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive };

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ArticleFolderContents Read(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The folder {root} does not exist.");
        }

        var articles = new List<HelpArticleSource>();
        var errors = new List<ReindexError>();
        var fileBySlug = new Dictionary<string, string>();

        // Sorted, so which of two files claiming one slug wins does not depend on the file system.
        foreach (var file in Directory.EnumerateFiles(root, "*.md", MarkdownFiles).Order(StringComparer.Ordinal))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new ReindexError(file, null, $"cannot read the file: {ex.Message}"));
                continue;
            }

            switch (MarkdownArticleParser.Parse(text, Path.GetFileNameWithoutExtension(file)))
            {
                case ParsedArticle.Valid { Article: var article } when fileBySlug.TryGetValue(article.Slug, out var first):
                    errors.Add(new ReindexError(file, article.Slug, $"the slug '{article.Slug}' is already used by {first}"));
                    break;
                case ParsedArticle.Valid { Article: var article }:
                    fileBySlug[article.Slug] = file;
                    articles.Add(article);
                    break;
                case ParsedArticle.Invalid invalid:
                    errors.Add(new ReindexError(file, invalid.Slug, invalid.Reason));
                    break;
            }
        }

        return new ArticleFolderContents(articles, errors);
    }
}
