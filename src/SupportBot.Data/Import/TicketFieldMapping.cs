namespace SupportBot.Data.Import;

/// <summary>
/// Which column (CSV) or property (JSON) feeds each field: the user's --map overrides first, then
/// the usual aliases. A column taken by an override is not also matched by alias.
/// </summary>
public sealed class TicketFieldMapping
{
    private static readonly TicketField[] Fields = Enum.GetValues<TicketField>();

    private readonly Dictionary<TicketField, string> _overrides;
    private readonly Dictionary<string, (TicketField Field, int Rank)> _propertyNames;

    public TicketFieldMapping(IReadOnlyDictionary<TicketField, string>? overrides = null)
    {
        _overrides = overrides?.ToDictionary() ?? [];
        _propertyNames = BuildPropertyNames(_overrides);
    }

    public static TicketFieldMapping Default { get; } = new();

    /// <summary>Parses "field=Column" pairs as given to --map, e.g. "body=Question", "answer=Agent Reply".</summary>
    public static TicketFieldMapping Parse(IEnumerable<string> pairs)
    {
        var overrides = new Dictionary<TicketField, string>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || string.IsNullOrWhiteSpace(pair[(equals + 1)..]))
            {
                throw new ImportFileException($"--map '{pair}': expected FIELD=COLUMN, e.g. --map body=Question");
            }

            var fieldName = pair[..equals];
            if (!TicketFieldNames.TryParse(fieldName, out var field))
            {
                throw new ImportFileException(
                    $"--map '{pair}': unknown field '{fieldName.Trim()}' (one of: {string.Join(", ", Fields.Select(f => f.Name()))})");
            }

            if (!overrides.TryAdd(field, pair[(equals + 1)..].Trim()))
            {
                throw new ImportFileException($"--map '{pair}': {field.Name()} is mapped twice");
            }
        }

        return new TicketFieldMapping(overrides);
    }

    /// <summary>The column index of each field in a CSV header (-1 when the file has none).</summary>
    public int[] ResolveColumns(IReadOnlyList<string> headers)
    {
        var columns = Enumerable.Repeat(-1, Fields.Length).ToArray();
        var normalized = headers.Select(TicketFieldNames.Normalize).ToArray();
        var taken = new HashSet<int>();

        foreach (var (field, column) in _overrides)
        {
            var index = IndexOf(headers, column, StringComparison.Ordinal);
            if (index < 0)
            {
                index = Array.IndexOf(normalized, TicketFieldNames.Normalize(column));
            }

            if (index < 0)
            {
                throw new ImportFileException($"--map {field.Name()}={column}: the header has no column '{column}' (it has: {string.Join(", ", headers)})");
            }

            columns[(int)field] = index;
            taken.Add(index);
        }

        foreach (var field in Fields.Where(f => !_overrides.ContainsKey(f)))
        {
            foreach (var alias in TicketFieldNames.Aliases[field])
            {
                var index = Array.IndexOf(normalized, alias);
                if (index >= 0 && taken.Add(index))
                {
                    columns[(int)field] = index;
                    break;
                }
            }
        }

        if (columns[(int)TicketField.Body] < 0)
        {
            throw new ImportFileException(
                $"no body column: the header needs one of {string.Join(", ", TicketFieldNames.Aliases[TicketField.Body])}, or pass --map body=COLUMN (it has: {string.Join(", ", headers)})");
        }

        return columns;
    }

    /// <summary>
    /// The field a JSON property feeds and its rank (0 for an override or the first alias); a line
    /// with two names for one field keeps the lower rank. False for properties that are not fields.
    /// </summary>
    public bool TryMapProperty(string name, out TicketField field, out int rank)
    {
        if (_propertyNames.TryGetValue(name, out var hit) || _propertyNames.TryGetValue(TicketFieldNames.Normalize(name), out hit))
        {
            (field, rank) = hit;
            return true;
        }

        (field, rank) = (default, 0);
        return false;
    }

    private static Dictionary<string, (TicketField, int)> BuildPropertyNames(Dictionary<TicketField, string> overrides)
    {
        var names = new Dictionary<string, (TicketField, int)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, column) in overrides)
        {
            names[column] = (field, 0);
            names[TicketFieldNames.Normalize(column)] = (field, 0);
        }

        foreach (var field in Fields.Where(f => !overrides.ContainsKey(f)))
        {
            var aliases = TicketFieldNames.Aliases[field];
            for (var rank = 0; rank < aliases.Length; rank++)
            {
                names.TryAdd(aliases[rank], (field, rank));
            }
        }

        return names;
    }

    private static int IndexOf(IReadOnlyList<string> headers, string name, StringComparison comparison)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], name, comparison))
            {
                return i;
            }
        }

        return -1;
    }
}
