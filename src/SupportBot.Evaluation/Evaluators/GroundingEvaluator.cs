using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Options;
using SupportBot.Data.Scores;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// Grounding: every URL and every cited article in the draft exists in the help-article index, so
/// nothing is invented (<c>grounding</c>); and when the item names an expected article, the draft
/// cites it, as a citation or by its URL in the text (<c>expected_article_cited</c>, skipped otherwise).
/// A URL passes when it is an indexed article's URL, starts with an allowed prefix
/// (<see cref="GroundingOptions.AllowedUrlPrefixes"/>) or appears in the customer's own ticket.
/// How it can be wrong: it checks that references exist, not that they support what the draft says
/// (a real but irrelevant or outdated article passes); a non-article URL on the help-center host always
/// fails; references written without a URL ("see our refund article") are not seen at all.
/// </summary>
public sealed partial class GroundingEvaluator(IHelpArticleIndex index, IOptions<GroundingOptions> options) : IEvaluator
{
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } =
        [EvaluatorScoreDefinitions.Grounding, EvaluatorScoreDefinitions.ExpectedArticleCited];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var gradingCase = EvaluationContexts.Require<GradingCaseContext>(additionalContext).Case;
        var draft = EvaluationContexts.Require<GradedDraftContext>(additionalContext).Draft;
        var snapshot = await index.GetSnapshotAsync(cancellationToken);

        var urls = FindUrls(modelResponse.Text);
        var ticketText = $"{gradingCase.Subject}\n{gradingCase.Body}";
        var invented = urls.Where(u => !IsKnown(u, snapshot, ticketText)).ToList();
        var unknownCitations = draft.Citations.Where(c => !snapshot.HasSlug(c.Slug)).Select(c => c.Slug).ToList();
        var grounded = invented.Count == 0 && unknownCitations.Count == 0;
        var reason = grounded
            ? $"{urls.Count} URL(s) and {draft.Citations.Count} citation(s), all in the index of {snapshot.Count} articles"
            : string.Join("; ", invented.Select(u => $"unknown URL {u}").Concat(unknownCitations.Select(s => $"unknown article '{s}'")));

        return new EvaluationResult(
            Metrics.Boolean(EvaluatorScoreDefinitions.Grounding, grounded, reason),
            ExpectedArticle(gradingCase, draft, urls, snapshot));
    }

    private bool IsKnown(string url, HelpArticleIndexSnapshot snapshot, string ticketText)
    {
        if (snapshot.HasUrl(url))
        {
            return true;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && snapshot.HelpCenterHosts.Contains(uri.Host.ToLowerInvariant()))
        {
            return false;
        }

        return options.Value.AllowedUrlPrefixes.Any(p => url.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || ticketText.Contains(url, StringComparison.OrdinalIgnoreCase);
    }

    private static BooleanMetric ExpectedArticle(GradingCase gradingCase, GradedDraft draft, IReadOnlyList<string> urls, HelpArticleIndexSnapshot snapshot)
    {
        var name = EvaluatorScoreDefinitions.ExpectedArticleCited;
        if (gradingCase.ExpectedArticleSlug is not { Length: > 0 } expected)
        {
            return Metrics.Skipped(new BooleanMetric(name, null, "the item names no expected article"));
        }

        var expectedUrl = snapshot.UrlOf(expected);
        var cited = draft.Citations.Any(c => string.Equals(c.Slug, expected, StringComparison.OrdinalIgnoreCase))
            || (expectedUrl is not null && urls.Any(u => HelpArticleIndexSnapshot.NormalizeUrl(u) == HelpArticleIndexSnapshot.NormalizeUrl(expectedUrl)));
        return Metrics.Boolean(name, cited, cited ? $"cites '{expected}'" : $"does not cite '{expected}'");
    }

    /// <summary>http(s) URLs in the text, without the sentence punctuation that often follows them.</summary>
    public static IReadOnlyList<string> FindUrls(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '»', '”')).Distinct().ToList();

    [GeneratedRegex(@"https?://[^\s<>""'()\[\]]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
