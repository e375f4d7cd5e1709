namespace SupportBot.Data.Import;

/// <summary>
/// A problem with the whole input rather than one row (no body column, a bad --map, an unreadable
/// header): nothing can be imported, so the import stops before writing anything.
/// </summary>
public sealed class ImportFileException(string message) : Exception(message);
