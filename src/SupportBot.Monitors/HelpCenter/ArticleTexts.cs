using System.Text.RegularExpressions;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Monitors.Text;

namespace SupportBot.Monitors.HelpCenter;

public sealed record ArticleText(string Slug, string Url, string Title, string Body, int Version);

/// <summary>One sentence of a help article: what a policy claim in a reply may rest on.</summary>
public sealed record ArticleSentence(string Slug, string Text, IReadOnlySet<string> Words, IReadOnlySet<string> Quantities)
{
    private IReadOnlyList<Measure>? _measures;

    /// <summary>The amounts the sentence states, with what they count (computed on first use: only policy claims need them).</summary>
    public IReadOnlyList<Measure> Measures => _measures ??= global::SupportBot.Monitors.Text.Measures.In(Text);
}

/// <summary>
/// The help center at one moment as the monitors need it: article URLs (the grounding evaluator's index, reused),
/// and every article sentence with its content words and quantities; the sentence vectors are computed on first use.
/// </summary>
public sealed partial class ArticleTexts
{
    private Task<IReadOnlyList<float[]>>? _vectors;

    public ArticleTexts(IEnumerable<ArticleText> articles)
    {
        Articles = articles.ToList();
        Index = new HelpArticleIndexSnapshot(Articles.Select(a => (a.Slug, a.Url)));
        Sentences = [.. Articles.SelectMany(a => Text.Sentences.Split(Plain(a.Title + ".\n" + a.Body))
            .Where(s => s.Text.Length >= 12)
            .Select(s => new ArticleSentence(a.Slug, s.Text, ClaimWords.ContentWords(s.Text), ClaimWords.Quantities(s.Text))))];
        QuantitiesBySlug = Articles.ToDictionary(
            a => a.Slug, a => (IReadOnlySet<string>)ClaimWords.Quantities(a.Title + "\n" + a.Body), StringComparer.OrdinalIgnoreCase);
        AllQuantities = QuantitiesBySlug.Values.SelectMany(q => q).ToHashSet(StringComparer.Ordinal);
        // A word in more than 3 % of the sentences ("plan", "workspace", the product's name) says little about the subject.
        var commonAbove = Math.Max(3, Sentences.Count * 0.03);
        CommonWords = Sentences.SelectMany(s => s.Words).GroupBy(w => w, StringComparer.Ordinal)
            .Where(g => g.Count() > commonAbove).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Words so frequent in the help center that sharing one does not make two sentences about the same thing.</summary>
    public IReadOnlySet<string> CommonWords { get; }

    public IReadOnlyList<ArticleText> Articles { get; }
    public HelpArticleIndexSnapshot Index { get; }
    public IReadOnlyList<ArticleSentence> Sentences { get; }
    public IReadOnlyDictionary<string, IReadOnlySet<string>> QuantitiesBySlug { get; }
    public IReadOnlySet<string> AllQuantities { get; }

    public Task<IReadOnlyList<float[]>> VectorsAsync(SentenceVectors vectors) =>
        _vectors ??= vectors.EmbedManyAsync([.. Sentences.Select(s => s.Text)], CancellationToken.None);

    /// <summary>Markdown to plain text: emphasis, code ticks and list markers out, so sentences compare as prose.</summary>
    private static string Plain(string markdown) => Markup().Replace(markdown, "");

    [GeneratedRegex(@"\*\*|__|`|^\s*[-*]\s+|^#+\s*|^\d+\.\s+", RegexOptions.Multiline)]
    private static partial Regex Markup();
}

/// <summary>Where monitors get the help center from.</summary>
public interface IArticleTextSource
{
    /// <summary>The help center as of the last periodic check (at most a few seconds old).</summary>
    ValueTask<ArticleTexts> GetAsync(CancellationToken cancellationToken);

    /// <summary>The help center as of now: for a monitor about to flag something the periodic copy may not know yet.</summary>
    ValueTask<ArticleTexts> RefreshAsync(CancellationToken cancellationToken);
}

/// <summary>A fixed help center: tests, benchmarks and the labelled-set evaluation.</summary>
public sealed class FixedArticleTextSource(ArticleTexts texts) : IArticleTextSource
{
    public ValueTask<ArticleTexts> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(texts);

    public ValueTask<ArticleTexts> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(texts);

    /// <summary>Reads a folder of Markdown help articles the way `supportbot index refresh` does.</summary>
    public static FixedArticleTextSource FromFolder(string folder) =>
        new(new ArticleTexts(Data.HelpCenter.MarkdownArticleFolder.Read(folder).Articles
            .Select(a => new ArticleText(a.Slug, a.Url, a.Title, a.Body, 1))));
}
