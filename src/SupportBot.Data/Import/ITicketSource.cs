namespace SupportBot.Data.Import;

/// <summary>Rows to import, streamed so a large export never sits in memory at once.</summary>
public interface ITicketSource
{
    IAsyncEnumerable<ImportRow> ReadAsync(CancellationToken cancellationToken);

    /// <summary>How far into the input the rows read so far reach, for progress bars.</summary>
    long BytesRead { get; }

    /// <summary>The input's size when known (a file), else null.</summary>
    long? TotalBytes { get; }
}

public static class ImportLimits
{
    /// <summary>
    /// The largest row (CSV record or JSONL line) read, in bytes: room for a body and an answer at
    /// their limits in any script and with JSON escapes. Beyond it a row is an unclosed quote or junk,
    /// and holding it would let one bad row pull the rest of the file into memory.
    /// </summary>
    public const int MaxRowBytes = 4 * 1024 * 1024;
}
