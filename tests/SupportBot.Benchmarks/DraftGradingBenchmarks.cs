using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Options;
using SupportBot.Data.HelpCenter;
using SupportBot.Drafting.Pipeline;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Benchmarks;

/// <summary>
/// Grading cost of an experiment run: 1,000 (case, draft) pairs through every deterministic evaluator
/// (similarity, grounding, policy, handoff, language; the judge is off, as without a judge model).
/// Cases are the demo's historical tickets (cycled to 1,000); each draft is the sent reply of the next
/// ticket of the same category — what the embedded extractive drafter produces, a neighbour's reply —
/// so texts, URLs and lengths are realistic. The help-article index is the demo folder, held in memory
/// as a run's snapshot would be after its one Postgres read. Target (issue 4, item 8): drafting and
/// grading 1,000 items in ≤ 10 s; the drafting part is measured end to end by the experiment runs.
/// </summary>
[Config(typeof(Config))]
public class DraftGradingBenchmarks
{
    public const int Pairs = 1_000;
    private DraftGrader? _grader;
    private (GradingCase Case, GradedDraft Draft)[] _pairs = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = Hosting.AppHostOptions.FindRepositoryRoot();
        var articles = MarkdownArticleFolder.Read(Path.Combine(root, "data", "demo", "help-articles")).Articles;
        var index = new HelpArticleIndexSnapshot(articles.Select(a => (a.Slug, a.Url)));
        var tickets = File.ReadLines(Path.Combine(root, "data", "demo", "tickets.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();

        _pairs = Enumerable.Range(0, Pairs).Select(i =>
        {
            var at = i % tickets.Count;
            var ticket = tickets[at];
            var category = ticket.GetProperty("category").GetString();
            var neighbour = Enumerable.Range(1, tickets.Count - 1).Select(step => tickets[(at + step) % tickets.Count])
                .First(t => t.GetProperty("category").GetString() == category);
            var reply = neighbour.GetProperty("answer").GetString()!;
            var citations = GroundingEvaluator.FindUrls(reply)
                .Select(u => index.SlugOf(u) is { } slug ? new CitedArticle(slug, 1, u, slug) : null)
                .OfType<CitedArticle>()
                .ToList();
            var expected = ticket.GetProperty("answer").GetString()!;
            return (
                new GradingCase(
                    ticket.GetProperty("subject").GetString()!, ticket.GetProperty("body").GetString()!, category,
                    ticket.GetProperty("language").GetString()!, expected, ticket.GetProperty("escalated").GetBoolean(),
                    GroundingEvaluator.FindUrls(expected).Select(index.SlugOf).FirstOrDefault(s => s is not null)),
                new GradedDraft(reply, neighbour.GetProperty("escalated").GetBoolean(), citations));
        }).ToArray();

        _grader = new DraftGrader(
        [
            new ReferenceSimilarityEvaluator(),
            new GroundingEvaluator(new FixedHelpArticleIndex(index), Options.Create(new GroundingOptions())),
            new PolicyComplianceEvaluator(Options.Create(new PolicyOptions())),
            new HandoffEvaluator(),
            new LanguageMatchEvaluator(),
            new JudgeCorrectnessEvaluator(),
        ]);
    }

    [Benchmark(Description = "grade 1,000 drafts, all deterministic evaluators")]
    public async Task<int> GradeThousand()
    {
        var scores = 0;
        foreach (var (gradingCase, draft) in _pairs)
        {
            scores += (await _grader!.GradeAsync(gradingCase, draft, CancellationToken.None)).Count;
        }

        return scores;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Short on purpose: the machine is shared; a handful of iterations is enough for a 10 s budget.
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true))
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "supportbot-bench", "artifacts"));
        }
    }
}
