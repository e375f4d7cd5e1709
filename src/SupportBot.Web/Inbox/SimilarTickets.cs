using System.Text.Json;
using SupportBot.Contracts;

namespace SupportBot.Web.Inbox;

/// <summary>A resolved ticket the draft drew on, as the trace's retrieval step recorded it (ids and score, no text).</summary>
public sealed record SimilarTicket(string ExternalId, string? Category, double Score, bool Escalated);

public static class SimilarTickets
{
    /// <summary>The hits of the trace's "retrieve similar tickets" step; empty when the trace has none.</summary>
    public static IReadOnlyList<SimilarTicket> From(TraceView trace)
    {
        var step = trace.Observations.FirstOrDefault(o => o.Type == "retrieval" && o.Name == "retrieve similar tickets");
        if (step is null || step.Output.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. step.Output.EnumerateArray().Select(hit => new SimilarTicket(
            Text(hit, "externalId") ?? "?",
            Text(hit, "category"),
            Property(hit, "score") is { ValueKind: JsonValueKind.Number } score ? score.GetDouble() : 0,
            Property(hit, "escalated") is { ValueKind: JsonValueKind.True }))];
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The trace writer's casing is its own business: match names ignoring case.</summary>
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;
}
