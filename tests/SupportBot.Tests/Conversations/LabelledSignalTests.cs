using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SupportBot.Hosting;
using SupportBot.Conversations;
using SupportBot.Conversations.Signals;
using SupportBot.Data.Conversations;
using SupportBot.Embeddings;

namespace SupportBot.Tests.Conversations;

/// <summary>
/// The labelled conversations in eval/conversations/labelled-signals.json, judged by the same detectors and rules as the
/// live path (the real all-MiniLM-L6-v2 model, default thresholds). Every conversation must come out as labelled.
/// </summary>
public sealed class LabelledSignalTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
    private static readonly Lazy<TextEmbeddings> Embeddings = new(() => new TextEmbeddings(new MiniLmEmbeddingGenerator()));

    public sealed record Labelled(string Id, string Language, string[] Turns, bool Closed, bool? Resolved, double SilentMinutes, double? ReopenedAfterDays, Expected Expected);

    public sealed record Expected(
        [property: JsonPropertyName("asked_for_human")] bool AskedForHuman,
        [property: JsonPropertyName("re_asked")] bool ReAsked,
        bool Reopened,
        bool Abandoned,
        bool? Resolved);

    private sealed record LabelledFile(string Description, Labelled[] Conversations);

    public static Labelled[] Load()
    {
        var file = Path.Combine(AppHostOptions.FindRepositoryRoot(), "eval", "conversations", "labelled-signals.json");
        return JsonSerializer.Deserialize<LabelledFile>(File.ReadAllText(file), Json)!.Conversations;
    }

    [Fact]
    public void The_set_has_at_least_40_conversations_covering_every_signal_and_demo_language()
    {
        var all = Load();
        Assert.True(all.Length >= 40, $"{all.Length} labelled conversations");
        Assert.Equal(all.Length, all.Select(c => c.Id).Distinct().Count());
        Assert.Superset(new HashSet<string> { "en", "de", "fr", "es" }, all.Select(c => c.Language).ToHashSet());
        Assert.All(new Func<Expected, bool>[] { e => e.AskedForHuman, e => e.ReAsked, e => e.Reopened, e => e.Abandoned, e => e.Resolved == true, e => e.Resolved == false },
            has => Assert.Contains(all, c => has(c.Expected)));
        Assert.All(all, c => Assert.All(c.Turns, t => Assert.True(t.StartsWith("c: ", StringComparison.Ordinal) || t.StartsWith("b: ", StringComparison.Ordinal), $"{c.Id}: {t}")));
    }

    [Fact]
    public async Task Every_labelled_conversation_is_classified_as_labelled()
    {
        var options = Options.Create(new ConversationOptions());
        var classifier = new ConversationSignalClassifier(new HumanRequestDetector(Embeddings.Value, options), new ReAskDetector(Embeddings.Value, options), options);
        var wrong = new List<string>();
        foreach (var c in Load())
        {
            var turns = c.Turns.Select(t => (t.StartsWith("c: ", StringComparison.Ordinal) ? ConversationRoles.Customer : ConversationRoles.Bot, t[3..])).ToList();
            var actual = await classifier.ClassifyAsync(new RecordedConversation(c.Language, turns, c.Closed, c.Resolved,
                TimeSpan.FromMinutes(c.SilentMinutes), c.ReopenedAfterDays is { } days ? TimeSpan.FromDays(days) : null), TestContext.Current.CancellationToken);
            var expected = new ConversationSignals(c.Expected.AskedForHuman, c.Expected.ReAsked, c.Expected.Reopened, c.Expected.Abandoned, c.Expected.Resolved);
            if (actual != expected)
            {
                wrong.Add($"{c.Id}: expected {expected}, got {actual}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("How do I reset my password?", "How can I reset my password?", true)]
    [InlineData("How do I reset my password?", "The reset link says it expired at 10:42", false)]
    [InlineData("How do I reset my password?", "Thanks! And how do I change my plan?", false)]
    public async Task Re_asks_need_the_same_meaning_and_no_new_information(string previous, string current, bool reAsked)
    {
        var detector = new ReAskDetector(Embeddings.Value, Options.Create(new ConversationOptions()));

        var result = await detector.DetectAsync(previous, current, TestContext.Current.CancellationToken);

        Assert.True(result.ReAsked == reAsked, $"similarity {result.Similarity?.ToString("0.000") ?? "not needed"}, new terms {result.NewTerms}");
    }
}
