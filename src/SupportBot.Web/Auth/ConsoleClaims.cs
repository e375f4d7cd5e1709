namespace SupportBot.Web.Auth;

/// <summary>What the session cookie carries besides the key's name and role.</summary>
public static class ConsoleClaims
{
    /// <summary>The API key itself: the console calls the API as the signed-in user. Only inside the encrypted cookie.</summary>
    public const string ApiKey = "supportbot:api-key";
}

/// <summary>The console's policies: the API's, from the same role lists (<see cref="SupportBot.Contracts.RolePolicies"/>).</summary>
public static class ConsolePolicies
{
    public const string Agent = "agent";
    public const string Manager = "manager";
}
