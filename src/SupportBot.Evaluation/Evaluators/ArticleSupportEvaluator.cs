using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using SupportBot.Data;
using SupportBot.Data.Scores;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// Article support (<c>article_support</c>): the share of the draft's distinct content words (4+
/// letters, <see cref="TextTokens"/>) that occur in the cited help articles, at the cited versions.
/// It complements <c>grounding</c>, which only checks that cited articles exist: a draft citing an
/// outdated article that says something else scores low here (the seeded export-dialog flaw).
/// Skipped when the draft cites nothing or hands off. How it can be wrong: it is lexical — a
/// paraphrase of the article scores low, and greetings and sign-offs count as unsupported words, so
/// compare runs with it rather than reading it as an absolute grade.
/// </summary>
public sealed class ArticleSupportEvaluator(IServiceProvider services) : IEvaluator
{
    private const int MinWordLength = 4;

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [EvaluatorScoreDefinitions.ArticleSupport];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var draft = EvaluationContexts.Require<GradedDraftContext>(additionalContext).Draft;
        var name = EvaluatorScoreDefinitions.ArticleSupport;
        if (draft.Handoff || draft.Citations.Count == 0)
        {
            return new EvaluationResult(Metrics.Skipped(new NumericMetric(name, null, draft.Handoff ? "handoff" : "no cited article")));
        }

        // Resolved lazily: graders composed without a database (unit tests of the other evaluators) skip this metric.
        if (services.GetService(typeof(SupportBotDbContext)) is not SupportBotDbContext db)
        {
            return new EvaluationResult(Metrics.Skipped(new NumericMetric(name, null, "no database to read the cited articles from")));
        }

        var bodies = new List<string>();
        foreach (var citation in draft.Citations)
        {
            bodies.Add(await (from v in db.HelpArticleVersions.AsNoTracking()
                              join a in db.HelpArticles.AsNoTracking() on v.ArticleId equals a.Id
                              where a.Slug == citation.Slug && v.Version == citation.Version
                              select v.Title + "\n" + v.Body).FirstOrDefaultAsync(cancellationToken) ?? "");
        }

        var article = TextTokens.Words(string.Join('\n', bodies)).ToHashSet(StringComparer.Ordinal);
        var words = TextTokens.Words(modelResponse.Text).Where(w => w.Length >= MinWordLength).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0)
        {
            return new EvaluationResult(Metrics.Skipped(new NumericMetric(name, null, "no content words")));
        }

        var supported = words.Count(article.Contains);
        return new EvaluationResult(Metrics.Numeric(name, (double)supported / words.Count,
            $"{supported} of {words.Count} content words in {string.Join(", ", draft.Citations.Select(c => $"{c.Slug}@{c.Version}"))}"));
    }
}
