using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Evaluation.Evaluators;

// TEMPORARY (feature/experiments): stands in for feature/evaluators' DraftGrader until it lands on
// main, behind the same signature. Delete this file when merging theirs.
public sealed partial class DraftGrader(SupportBotDbContext db)
{
    public async Task<IReadOnlyList<MetricScore>> GradeAsync(GradingCase gradingCase, GradedDraft draft, CancellationToken cancellationToken)
    {
        var reply = Tokens(draft.Text);
        var expected = Tokens(gradingCase.ExpectedOutput);
        var scores = new List<MetricScore>
        {
            new("token_f1", ScoreDataTypes.Numeric, F1(reply, expected), null, null),
            new("handoff_correct", ScoreDataTypes.Boolean, draft.Handoff == gradingCase.ExpectedHandoff ? 1 : 0, null, null),
        };

        if (draft.Citations.Count == 0 || draft.Handoff)
        {
            scores.Add(new("grounding", ScoreDataTypes.Numeric, null, null, "no cited article", Skipped: true));
            return scores;
        }

        var bodies = new List<string>();
        foreach (var citation in draft.Citations)
        {
            bodies.Add(await (from v in db.HelpArticleVersions.AsNoTracking()
                              join a in db.HelpArticles on v.ArticleId equals a.Id
                              where a.Slug == citation.Slug && v.Version == citation.Version
                              select v.Body).FirstOrDefaultAsync(cancellationToken) ?? "");
        }

        var article = Tokens(string.Join('\n', bodies)).ToHashSet();
        var distinct = reply.Distinct().ToList();
        scores.Add(new("grounding", ScoreDataTypes.Numeric, distinct.Count == 0 ? 0 : (double)distinct.Count(article.Contains) / distinct.Count, null, null));
        return scores;
    }

    private static double F1(List<string> a, List<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var counts = b.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var common = 0;
        foreach (var token in a)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        double precision = (double)common / a.Count, recall = (double)common / b.Count;
        return 2 * precision * recall / (precision + recall);
    }

    private static List<string> Tokens(string text) =>
        [.. Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 4)];

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}

public static class TemporaryDraftEvaluatorRegistration
{
    public static IServiceCollection AddDraftEvaluators(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<DraftGrader>();
        return services;
    }
}
