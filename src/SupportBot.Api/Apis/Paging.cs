namespace SupportBot.Api.Apis;

/// <summary>
/// Paging for list endpoints, one rule each for the bounds and the defaults: limit/offset (tickets, drafts) and
/// page/pageSize (queues, alerts).
/// </summary>
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

    /// <summary>Adds the errors of a page/pageSize request (pages from 1, sizes from 1 to <paramref name="maxPageSize"/>) to <paramref name="errors"/>.</summary>
    public static void ValidatePage(Dictionary<string, string[]> errors, int page, int pageSize, int maxPageSize)
    {
        if (page < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }

        if (pageSize < 1 || pageSize > maxPageSize)
        {
            errors["pageSize"] = [$"Use 1 to {maxPageSize}."];
        }
    }
}
