using System.ComponentModel.DataAnnotations;
namespace SupportBot.Contracts;

/// <summary>The header every /api request carries its key in.</summary>
public static class ApiKeyHeader
{
    public const string Name = "X-Api-Key";
}

public sealed record CreateApiKeyRequest([Required] string? Name, [Required] string? Role);

/// <summary>Returned once, on creation: the plain key is never stored and cannot be shown again.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Role, string Key, DateTimeOffset CreatedAt);

public sealed record ApiKeySummary(Guid Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record CallerIdentity(string KeyName, string Role);
