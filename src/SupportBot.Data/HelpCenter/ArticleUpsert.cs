namespace SupportBot.Data.HelpCenter;

public enum ArticleChange
{
    Added,
    Updated,
    Unchanged,
}

/// <summary>What happened to one article: its current version after the upsert.</summary>
public sealed record ArticleUpsert(string Slug, int Version, ArticleChange Change);

public abstract record UpsertArticleResult
{
    public sealed record Saved(ArticleUpsert Article) : UpsertArticleResult;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : UpsertArticleResult;
}
