namespace SupportBot.Data.Import;

/// <summary>A row's values as found in the input, by field, before any validation.</summary>
public sealed class RawTicketFields
{
    private readonly string?[] _values = new string?[Enum.GetValues<TicketField>().Length];
    private readonly int[] _ranks = new int[Enum.GetValues<TicketField>().Length];

    public string? this[TicketField field] => _values[(int)field];

    /// <summary>Tags given as a list (a JSON array) rather than as one separated string.</summary>
    public IReadOnlyList<string>? TagList { get; set; }

    public void Set(TicketField field, string? value) => _values[(int)field] = value;

    /// <summary>Keeps the value of the better-ranked name when a row names a field twice ("title" and "subject").</summary>
    public bool TrySet(TicketField field, string? value, int rank)
    {
        if (_values[(int)field] is not null && _ranks[(int)field] <= rank)
        {
            return false;
        }

        _values[(int)field] = value;
        _ranks[(int)field] = rank;
        return true;
    }
}
