namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A throw-away help-center folder under /tmp. Tests write their own articles with unique slugs,
/// because the database is shared by every test running in parallel.
/// </summary>
public sealed class ArticleFolder : IDisposable
{
    public string Path { get; } = TestState.NewDirectory("articles");

    /// <summary>A slug no other test uses: lowercase, as slugs must be.</summary>
    public static string UniqueSlug(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];

    public static string Markdown(string slug, string title, string body, string category = "how-to", string language = "en") => $"""
        ---
        slug: {slug}
        title: {title}
        category: {category}
        url: https://help.tasklane.example/articles/{slug}
        language: {language}
        ---
        {body}
        """;

    /// <summary>Writes an article to &lt;slug&gt;.md and returns the file's path.</summary>
    public string WriteArticle(string slug, string title, string body) => Write(slug + ".md", Markdown(slug, title, body));

    public string Write(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => TestState.Delete(Path);
}
