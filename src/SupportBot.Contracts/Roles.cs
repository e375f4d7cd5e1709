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

    /// <summary>
    /// The company's chat channel (the widget's backend): opens customer conversations and posts customer messages,
    /// nothing else. Separate from integration because it carries customer traffic, which is rate-limited per key.
    /// </summary>
    public const string Channel = "channel";

    /// <summary>Everything, including API key management.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Integration, Agent, Manager, Admin, Channel];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
