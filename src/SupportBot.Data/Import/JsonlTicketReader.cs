using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;

namespace SupportBot.Data.Import;

/// <summary>
/// Reads JSON Lines exports: one ticket object per line, blank lines ignored. Each line is checked
/// on its own (UTF-8, JSON, fields), so one bad line is reported with its number and the rest go on.
/// </summary>
public sealed class JsonlTicketReader(Stream stream, TicketFieldMapping mapping) : ITicketSource
{
    private long _bytesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public long? TotalBytes { get; } = stream.CanSeek ? stream.Length : null;

    public async IAsyncEnumerable<ImportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lines = new Utf8LineReader(stream, ImportLimits.MaxRowBytes);
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            var row = ParseLine(line);
            Interlocked.Exchange(ref _bytesRead, lines.BytesConsumed);
            if (row is { } parsed)
            {
                yield return parsed;
            }
        }
    }

    private ImportRow? ParseLine(Utf8Line line)
    {
        if (line.TooLong)
        {
            return ImportRow.Invalid(line.Number, $"line is longer than {ImportLimits.MaxRowBytes / (1024 * 1024)} MiB");
        }

        var bytes = line.Bytes.Span;
        if (bytes.Trim(" \t"u8).IsEmpty)
        {
            return null;
        }

        if (!Utf8.IsValid(bytes))
        {
            return ImportRow.Invalid(line.Number, "invalid UTF-8");
        }

        try
        {
            using var document = JsonDocument.Parse(line.Bytes);
            return JsonTicketFields.Parse(document.RootElement, line.Number, mapping);
        }
        catch (JsonException ex)
        {
            return ImportRow.Invalid(line.Number, $"invalid JSON at byte {ex.BytePositionInLine ?? 0} of the line");
        }
    }
}
