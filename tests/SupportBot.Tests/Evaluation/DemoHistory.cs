using System.Text.Json;
using SupportBot.Hosting;

namespace SupportBot.Tests.Evaluation;

/// <summary>The demo's historical tickets straight from data/demo/tickets.jsonl, for pure-logic tests.</summary>
public static class DemoHistory
{
    public sealed record Ticket(string Id, string Subject, string Body, string Answer, string Category, string Language, bool Escalated);

    private static readonly Lazy<IReadOnlyList<Ticket>> All = new(() =>
        File.ReadLines(Path.Combine(AppHostOptions.FindRepositoryRoot(), "data", "demo", "tickets.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                var json = JsonDocument.Parse(line).RootElement;
                return new Ticket(
                    json.GetProperty("id").GetString()!, json.GetProperty("subject").GetString()!, json.GetProperty("body").GetString()!,
                    json.GetProperty("answer").GetString()!, json.GetProperty("category").GetString()!, json.GetProperty("language").GetString()!,
                    json.GetProperty("escalated").GetBoolean());
            })
            .ToList());

    public static IReadOnlyList<Ticket> Tickets => All.Value;

    public static string ArticlesFolder => Path.Combine(AppHostOptions.FindRepositoryRoot(), "data", "demo", "help-articles");
}
