namespace SupportBot.Data.Entities;

/// <summary>A ticket category. Its phase decides whether the bot may answer customers in it.</summary>
public sealed class Category
{
    public required string Name { get; set; }
    public string Phase { get; set; } = CategoryPhases.Offline;
    public DateTimeOffset CreatedAt { get; set; }
}

public static class CategoryPhases
{
    public const string Offline = "offline";
    public const string Internal = "internal";
    public const string CustomerFacing = "customer-facing";
}
