using System.Text.Json;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Drafting.Pipeline;

namespace SupportBot.Evaluation.Experiments;

/// <summary>Which dataset items a run covers: its pinned version, narrowed to its category.</summary>
public static class ExperimentItems
{
    public static IQueryable<DatasetItem> Of(DatasetStore store, ExperimentRun run) =>
        Of(store, run.DatasetId, run.DatasetVersion, run.Category);

    public static IQueryable<DatasetItem> Of(DatasetStore store, Guid datasetId, int version, string? category)
    {
        var items = store.ItemsAt(datasetId, version);
        return category is null ? items : items.Where(i => i.Category == category);
    }

    /// <summary>
    /// The pipeline's input for an item, as live traffic would give it: a ticket (that cannot retrieve its own source
    /// ticket), or for a multi-turn item the customer's message with the conversation so far as the history, framed
    /// exactly as a live conversation's (customer text as data).
    /// </summary>
    public static DraftInput ToDraftInput(DatasetItem item)
    {
        var turns = DatasetItemContext.Parse(item.Context);
        return new DraftInput(item.Subject, item.Body, item.Language, item.Category, CustomerName(item))
        {
            TicketId = null,
            ExcludeTicketIds = item.SourceTicketId is { } source ? [source] : [],
            History = [.. turns.Select(t => new ConversationTurn(t.Role, t.Text))],
            Turn = turns.Count == 0 ? null : turns.Count(t => t.Role == "customer") + 1,
        };
    }

    /// <summary>The customer's name, when the item's metadata kept it, so the draft greets like the live one would.</summary>
    public static string? CustomerName(DatasetItem item)
    {
        try
        {
            using var metadata = JsonDocument.Parse(item.Metadata);
            return metadata.RootElement.TryGetProperty("customerName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
