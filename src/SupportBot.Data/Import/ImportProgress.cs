namespace SupportBot.Data.Import;

/// <summary>Where a running import is. Written counts trail the rows read by the batch in flight.</summary>
public sealed record ImportProgress(
    long RowsRead,
    long Imported,
    long Updated,
    long Unchanged,
    long Skipped,
    long BytesRead,
    long? TotalBytes);
