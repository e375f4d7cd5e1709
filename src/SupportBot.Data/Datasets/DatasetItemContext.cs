using System.Text.Json;
using SupportBot.Contracts;

namespace SupportBot.Data.Datasets;

/// <summary>The JSON of a multi-turn item's earlier turns (<see cref="Entities.DatasetItem.Context"/>), written and read in one place.</summary>
public static class DatasetItemContext
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? ToJson(IReadOnlyCollection<DatasetTurn> turns) => turns.Count == 0 ? null : JsonSerializer.Serialize(turns, Json);

    /// <summary>The turns, oldest first; empty for a single-turn item (or a context that is not a list of turns).</summary>
    public static IReadOnlyList<DatasetTurn> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<DatasetTurn>>(json, Json)?.Where(t => t.Role is not null && t.Text is not null).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
