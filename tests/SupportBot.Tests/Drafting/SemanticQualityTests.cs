using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Retrieval;
using SupportBot.Drafting.Semantic;
using SupportBot.Embeddings;
using SupportBot.Tests.Infrastructure;
using System.Diagnostics.Metrics;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// Full-text and hybrid retrieval side by side, leave-one-out over the demo history, in the same run
/// (docs/benchmarks.md has the figures): top hit in the same category, a near-duplicate in the top 3,
/// and the neighbour vote's category accuracy.
/// </summary>
public sealed class SemanticQualityTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record DemoTicket(Guid Id, string Category, string[] Tags, string Subject, string Body, string Language);

    private static readonly double[] Thresholds = [0.5, 0.6, 0.7, 0.8, 0.9];

    private sealed record Quality(double Top1, double NearDuplicateTop3, double Accuracy, IReadOnlyList<(double Confidence, bool Correct)> Votes)
    {
        public override string ToString() => $"top-1 same category {Top1:P1}, near-duplicate in top 3 {NearDuplicateTop3:P1}, category accuracy {Accuracy:P1}";

        /// <summary>Accuracy of the votes at or above each confidence, and the share of tickets they are (Drafting:MinCategoryConfidence).</summary>
        public string Calibration() => string.Join(", ", Thresholds.Select(t =>
        {
            var kept = Votes.Where(v => v.Confidence >= t).ToList();
            return $">= {t:0.0}: {(kept.Count == 0 ? 0 : kept.Count(v => v.Correct) / (double)kept.Count):P1} of {kept.Count / (double)Votes.Count:P0}";
        }));
    }

    [Fact]
    public async Task Hybrid_retrieval_is_at_least_as_good_as_full_text_on_the_demo_history()
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        var model = new MiniLmEmbeddingGenerator();
        await new VectorBackfill(dataSource, model, new VectorMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            Options.Create(new VectorBackfillOptions { QuietPeriod = TimeSpan.Zero }), NullLogger<VectorBackfill>.Instance, TimeProvider.System).RunAsync(Ct);
        var index = new SemanticIndex(dataSource, new TextEmbeddings(model), TimeProvider.System);
        await index.RefreshAsync(Ct);
        var tickets = await DemoTicketsAsync(dataSource);

        var fullText = await MeasureAsync(new Retriever(dataSource), tickets);
        var hybrid = await MeasureAsync(new Retriever(dataSource, semantic: index), tickets);

        TestContext.Current.TestOutputHelper?.WriteLine($"{tickets.Count} held-out demo tickets\n  full-text: {fullText}\n  hybrid:    {hybrid}");
        TestContext.Current.TestOutputHelper?.WriteLine($"  vote accuracy by confidence, full-text: {fullText.Calibration()}\n  vote accuracy by confidence, hybrid:    {hybrid.Calibration()}");
        Assert.True(hybrid.Top1 >= fullText.Top1, $"hybrid {hybrid} vs full-text {fullText}");
        Assert.True(hybrid.NearDuplicateTop3 >= fullText.NearDuplicateTop3, $"hybrid {hybrid} vs full-text {fullText}");
    }

    private static async Task<Quality> MeasureAsync(Retriever retriever, List<DemoTicket> tickets)
    {
        var byId = tickets.ToDictionary(t => t.Id);
        var classifier = new NearestNeighbourClassifier();
        int top1 = 0, top3 = 0, correct = 0;
        var votes = new List<(double, bool)>(tickets.Count);
        foreach (var ticket in tickets)
        {
            var hits = await retriever.SimilarTicketsAsync(
                new RetrievalQuery($"{ticket.Subject}\n{ticket.Body}", ticket.Language, Limit: 5) { ExcludeTicketIds = [ticket.Id] }, Ct);
            var demoHits = hits.Where(h => byId.ContainsKey(h.Id)).Select(h => byId[h.Id]).ToList();
            top1 += demoHits.FirstOrDefault()?.Category == ticket.Category ? 1 : 0;
            top3 += demoHits.Take(3).Any(h => h.Category == ticket.Category && h.Tags.Intersect(ticket.Tags).Any()) ? 1 : 0;
            var decision = await classifier.ClassifyAsync(ticket.Subject, ticket.Body, hits, Ct);
            correct += decision.Category == ticket.Category ? 1 : 0;
            votes.Add((decision.Confidence, decision.Category == ticket.Category));
        }

        return new Quality((double)top1 / tickets.Count, (double)top3 / tickets.Count, (double)correct / tickets.Count, votes);
    }

    private static async Task<List<DemoTicket>> DemoTicketsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, category, tags, subject, body, language FROM tickets WHERE external_id LIKE 'TL-%' AND source = 'historical' ORDER BY external_id");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var tickets = new List<DemoTicket>();
        while (await reader.ReadAsync(Ct))
        {
            tickets.Add(new DemoTicket(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return tickets;
    }
}
