using SupportBot.Contracts;

namespace SupportBot.Data.Entities;

/// <summary>A ticket category. Its phase decides whether the bot may answer customers in it.</summary>
public sealed class Category
{
    public required string Name { get; set; }
    public string Phase { get; set; } = CategoryPhases.Offline;
    public DateTimeOffset CreatedAt { get; set; }
}
