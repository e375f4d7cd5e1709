namespace SupportBot.Contracts;

/// <summary>
/// The roles each authorization policy admits. The API and the web console build their policies from these lists,
/// so a page is offered to exactly the keys whose calls the API would accept.
/// </summary>
public static class RolePolicies
{
    /// <summary>Read drafts, give feedback, review: the support team and everyone above it.</summary>
    public static IReadOnlyList<string> Agent { get; } = [Roles.Agent, Roles.Manager, Roles.Admin];

    /// <summary>Phase promotion, pauses, gates.</summary>
    public static IReadOnlyList<string> Manager { get; } = [Roles.Manager, Roles.Admin];

    public static IReadOnlyList<string> Admin { get; } = [Roles.Admin];
}
