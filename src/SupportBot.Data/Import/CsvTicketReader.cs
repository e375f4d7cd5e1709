using System.Runtime.CompilerServices;
using System.Text.Unicode;
using CsvHelper;

namespace SupportBot.Data.Import;

/// <summary>
/// Reads CSV exports with CsvHelper, mapping columns by header name (see <see cref="TicketFieldMapping"/>).
/// Bad rows are reported with the line they start on and skipped: malformed quoting (CsvHelper
/// skips the record and goes on), invalid UTF-8 (checked on each record's raw bytes), fields over
/// the limits. A quote that is never closed would swallow every row after it, so the rows it
/// swallowed are read again: reading restarts on the line after the bad record's first line.
/// </summary>
public sealed class CsvTicketReader(Stream stream, TicketFieldMapping mapping) : ITicketSource
{
    private static readonly TicketField[] Fields = Enum.GetValues<TicketField>();
    private long _bytesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public long? TotalBytes { get; } = stream.CanSeek ? stream.Length : null;

    public async IAsyncEnumerable<ImportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Where the current reader started in the file; its offsets and line numbers count from there.
        var segment = new Segment(stream.CanSeek ? stream.Position : 0, FirstLine: 1);
        // The start of the last good record: a known line start to look for the restart line from.
        var anchor = segment;
        var malformed = new List<BadRecord>();
        int[]? columns = null;
        char? separator = null;

        while (true)
        {
            BadRecord? restartAfter = null;
            var options = CsvReaderOptions.Default with
            {
                HasHeader = columns is null,
                Separator = separator,
                TrackLineNumbers = true,
                MaxRecordSize = ImportLimits.MaxRowBytes,
                MalformedData = CsvMalformedDataHandling.Skip,
                OnMalformedRecord = record => malformed.Add(new BadRecord(
                    segment.FirstLine - 1 + record.LineNumber,
                    $"malformed CSV quoting ({Describe(record.Reason)})",
                    SpansLines: record.RawRecord.AsSpan().ContainsAny('\r', '\n'))),
            };

            await using (var reader = CsvReader.Create(stream, options, leaveOpen: true))
            {
                if (columns is null)
                {
                    columns = await ReadHeaderAsync(reader, cancellationToken);
                    separator = reader.Separator;
                }

                while (true)
                {
                    var (more, tooLarge) = await TryReadAsync(reader, segment, cancellationToken);
                    if (tooLarge is not null)
                    {
                        malformed.Add(tooLarge);
                    }

                    // CsvHelper reports skipped records while reading on to the next good one, so they come first.
                    foreach (var bad in malformed)
                    {
                        yield return ImportRow.Invalid(bad.Line, bad.Reason);
                        if (bad.SpansLines)
                        {
                            // Whatever was read after it may hold rows the bad quote swallowed: all of it is read again.
                            restartAfter = bad;
                            break;
                        }
                    }

                    malformed.Clear();
                    if (restartAfter is not null || !more)
                    {
                        break;
                    }

                    var line = segment.FirstLine - 1 + reader.LineNumber;
                    anchor = new Segment(segment.Offset + reader.ByteOffset, line);
                    Interlocked.Exchange(ref _bytesRead, anchor.Offset + reader.RawRecord.Length);
                    yield return Parse(reader, columns, line);
                }
            }

            if (restartAfter is null || !stream.CanSeek)
            {
                yield break;
            }

            var resume = await LineStarts.FindAsync(stream, anchor.Offset, anchor.FirstLine, restartAfter.Line + 1, cancellationToken);
            if (resume < 0)
            {
                yield break;
            }

            stream.Seek(resume, SeekOrigin.Begin);
            segment = anchor = new Segment(resume, restartAfter.Line + 1);
        }
    }

    private async Task<int[]> ReadHeaderAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFileException($"the header row cannot be read: {ex.Message}");
        }

        return reader.Headers.Count > 0
            ? mapping.ResolveColumns(reader.Headers)
            : throw new ImportFileException("the file is empty: a CSV import needs a header row");
    }

    /// <summary>A record bigger than the limit (an unclosed quote pulling in the file) stops CsvHelper with an exception.</summary>
    private static async ValueTask<(bool More, BadRecord? TooLarge)> TryReadAsync(CsvReader reader, Segment segment, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadAsync(cancellationToken), null);
        }
        catch (CsvFormatException ex)
        {
            return (false, new BadRecord(
                segment.FirstLine - 1 + Math.Max(ex.LineNumber, 1),
                $"record is larger than {ImportLimits.MaxRowBytes / (1024 * 1024)} MiB (an unclosed quote?)",
                SpansLines: true));
        }
    }

    private static ImportRow Parse(CsvReader reader, int[] columns, long line)
    {
        if (!Utf8.IsValid(reader.RawRecord))
        {
            return ImportRow.Invalid(line, "invalid UTF-8");
        }

        var raw = new RawTicketFields();
        foreach (var field in Fields)
        {
            var column = columns[(int)field];
            if (column >= 0 && column < reader.FieldCount)
            {
                raw.Set(field, reader.GetString(column));
            }
        }

        return TicketRecordParser.TryParse(raw, out var ticket, out var error)
            ? ImportRow.Valid(line, ticket)
            : ImportRow.Invalid(line, error);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quote that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        CsvMalformedReason.FieldCountMismatch => "wrong number of fields",
        _ => reason.ToString(),
    };

    private sealed record Segment(long Offset, long FirstLine);

    private sealed record BadRecord(long Line, string Reason, bool SpansLines);
}
