using System.Text.Json;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;

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
