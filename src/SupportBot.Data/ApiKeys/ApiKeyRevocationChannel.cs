namespace SupportBot.Data.ApiKeys;

/// <summary>
/// The Redis pub/sub channel on which a revoked key's hash is announced, so every API instance drops
/// it from its 30-second cache at once. The API publishes on it and listens; the CLI publishes too.
/// </summary>
public static class ApiKeyRevocationChannel
{
    public const string Name = "supportbot:api-keys:revoked";
}
