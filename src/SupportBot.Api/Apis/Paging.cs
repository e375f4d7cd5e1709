namespace SupportBot.Api.Apis;

/// <summary>limit/offset paging for list endpoints: one rule for the bounds and the defaults.</summary>
internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Deep offsets scan everything before them; beyond this, filter instead.</summary>
    public const int MaxOffset = 100_000;

    public static Dictionary<string, string[]> Validate(int? limit, int? offset)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Use 1 to {MaxLimit}."];
        }

        if (offset is < 0 or > MaxOffset)
        {
            errors["offset"] = [$"Use 0 to {MaxOffset:N0}."];
        }

        return errors;
    }

    public static (int Take, int Skip) Resolve(int? limit, int? offset) => (limit ?? DefaultLimit, offset ?? 0);
}
