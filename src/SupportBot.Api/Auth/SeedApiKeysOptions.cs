namespace SupportBot.Api.Auth;

/// <summary>
/// Keys the API makes sure exist at start-up, given by hash only (the AppHost hands over its dev
/// keys this way: <c>Auth__SeedKeys__0__Name</c>, <c>__Role</c>, <c>__Hash</c>).
/// </summary>
public sealed class SeedApiKeysOptions
{
    public const string Section = "Auth";

    public List<SeedApiKey> SeedKeys { get; init; } = [];
}

public sealed class SeedApiKey
{
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string Hash { get; init; } = "";
}
