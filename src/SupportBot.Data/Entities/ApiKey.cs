namespace SupportBot.Data.Entities;

/// <summary>
/// An API key. Only the SHA-256 of the key is kept: keys are 256-bit random values, so a fast
/// hash is enough (no dictionary to attack) and keeps per-request lookups cheap.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
