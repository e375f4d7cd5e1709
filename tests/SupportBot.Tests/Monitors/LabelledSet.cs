using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Monitors;

namespace SupportBot.Tests.Monitors;

public sealed record LabelledReply(string Id, IReadOnlyList<string> Monitors, string? Category, string? CustomerName, string CustomerMessage, string Reply, string? Note, string? Language = null)
{
    public ReplyToCheck ToCheck() => new(CustomerMessage, Reply, Category, Language ?? "en", CustomerName, [], []);
}

/// <summary>data/monitors/labelled.jsonl (hand-written cases and hard benign replies) plus every demo historical reply as benign.</summary>
public static class LabelledSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<LabelledReply> Load()
    {
        var root = MonitorHarness.RepositoryRoot;
        var written = File.ReadLines(Path.Combine(root, "data", "monitors", "labelled.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<LabelledReply>(l, Json)!);
        var demo = File.ReadLines(Path.Combine(root, "data", "demo", "tickets.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(t => t.TryGetProperty("answer", out var a) && a.GetString() is { Length: > 0 })
            .Select(t => new LabelledReply(
                "demo-" + t.GetProperty("id").GetString(), [], t.GetProperty("category").GetString(),
                t.TryGetProperty("customer_name", out var n) ? n.GetString() : null,
                t.GetProperty("subject").GetString() + "\n" + t.GetProperty("body").GetString(),
                t.GetProperty("answer").GetString()!, "demo history",
                t.TryGetProperty("language", out var language) ? language.GetString() : null));
        return [.. written, .. demo];
    }
}

public sealed record MonitorFigures(string Monitor, int Positives, int Caught, int Flagged, int FlaggedCorrectly, int BenignFlagged)
{
    public double Recall => Positives == 0 ? double.NaN : (double)Caught / Positives;
    public double Precision => Flagged == 0 ? double.NaN : (double)FlaggedCorrectly / Flagged;
}

public static class LabelledSetScoring
{
    public static async Task<(IReadOnlyList<MonitorFigures> PerMonitor, int Benign, int BenignFlagged, IReadOnlyList<string> Misses, IReadOnlyList<string> FalseFlags)> ScoreAsync(
        IReadOnlyList<LabelledReply> set, CancellationToken cancellationToken)
    {
        var results = new List<(LabelledReply Item, HashSet<string> Flagged, MonitorCheckResult Result)>();
        foreach (var item in set)
        {
            var result = await MonitorHarness.Suite.CheckAsync(item.ToCheck(), cancellationToken);
            results.Add((item, result.Flags.Select(f => f.Monitor).ToHashSet(), result));
        }

        var perMonitor = MonitorNames.Embedded.Select(m => new MonitorFigures(
            m,
            results.Count(r => r.Item.Monitors.Contains(m)),
            results.Count(r => r.Item.Monitors.Contains(m) && r.Flagged.Contains(m)),
            results.Count(r => r.Flagged.Contains(m)),
            results.Count(r => r.Flagged.Contains(m) && r.Item.Monitors.Contains(m)),
            results.Count(r => r.Item.Monitors.Count == 0 && r.Flagged.Contains(m)))).ToList();
        var benign = results.Where(r => r.Item.Monitors.Count == 0).ToList();
        var misses = results.SelectMany(r => r.Item.Monitors.Where(m => !r.Flagged.Contains(m)).Select(m => $"MISS {m} {r.Item.Id}: {r.Item.Reply.ReplaceLineEndings(" ")}")).ToList();
        var falseFlags = results.SelectMany(r => r.Result.Flags.Where(f => !r.Item.Monitors.Contains(f.Monitor))
            .Select(f => $"FALSE {f.Monitor}/{f.Kind} {r.Item.Id}: \"{f.Evidence.Text.ReplaceLineEndings(" ")}\" ({f.Reason})")).ToList();
        return (perMonitor, benign.Count, benign.Count(r => r.Flagged.Count > 0), misses, falseFlags);
    }
}
