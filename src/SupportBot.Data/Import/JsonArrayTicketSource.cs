using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SupportBot.Data.Import;

/// <summary>Tickets posted to the API as a JSON array; a row's "line" is its 0-based index in the array.</summary>
public sealed class JsonArrayTicketSource(IReadOnlyList<JsonElement> items, TicketFieldMapping mapping) : ITicketSource
{
    public long BytesRead => 0;
    public long? TotalBytes => null;

    public async IAsyncEnumerable<ImportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        for (var index = 0; index < items.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return JsonTicketFields.Parse(items[index], index, mapping);
        }
    }
}
