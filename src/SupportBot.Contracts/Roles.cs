namespace SupportBot.Contracts;

/// <summary>The roles an API key can carry. Each key has exactly one.</summary>
public static class Roles
{
    /// <summary>The ticketing system: posts incoming tickets and sent replies.</summary>
    public const string Integration = "integration";

    /// <summary>A support team member: reads drafts, gives feedback, reviews.</summary>
    public const string Agent = "agent";

    /// <summary>Moves categories between phases and owns gates.</summary>
    public const string Manager = "manager";

    /// <summary>Everything, including API key management.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Integration, Agent, Manager, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
