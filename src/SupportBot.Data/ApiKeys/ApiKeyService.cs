using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Data.ApiKeys;

public abstract record CreateApiKeyResult
{
    public sealed record Created(CreatedApiKey Key) : CreateApiKeyResult;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : CreateApiKeyResult;
    public sealed record NameTaken(string Name) : CreateApiKeyResult;
}

/// <summary>API key management, shared by the admin API and the CLI so both validate alike.</summary>
public sealed class ApiKeyService(SupportBotDbContext db, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    public async Task<CreateApiKeyResult> CreateAsync(string? name, string? role, CancellationToken cancellationToken)
    {
        var errors = Validate(name, role);
        if (errors.Count > 0)
        {
            return new CreateApiKeyResult.Invalid(errors);
        }

        var trimmed = name!.Trim();
        if (await db.ApiKeys.AnyAsync(k => k.Name == trimmed, cancellationToken))
        {
            return new CreateApiKeyResult.NameTaken(trimmed);
        }

        var plain = ApiKeyMaterial.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = trimmed,
            Role = role!,
            KeyHash = ApiKeyMaterial.Hash(plain),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreateApiKeyResult.Created(new CreatedApiKey(key.Id, key.Name, key.Role, plain, key.CreatedAt));
    }

    public Task<List<ApiKeySummary>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiKeys
            .OrderBy(k => k.Name)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Role, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Revokes the key; returns its hash (to drop from caches), or null when there is no such key.</summary>
    /// <summary>Null when no key matches; <see cref="RevokedKey.AlreadyRevoked"/> when it was revoked before (its date unchanged).</summary>
    public async Task<RevokedKey?> RevokeAsync(Func<IQueryable<ApiKey>, IQueryable<ApiKey>> which, CancellationToken cancellationToken)
    {
        var key = await which(db.ApiKeys).SingleOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        var already = key.RevokedAt is not null;
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new RevokedKey(key.KeyHash, key.RevokedAt.Value, already);
    }

    private static Dictionary<string, string[]> Validate(string? name, string? role)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["A name is required."];
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"The name may be at most {MaxNameLength} characters."];
        }

        if (!Roles.IsKnown(role))
        {
            errors["role"] = [$"The role must be one of: {string.Join(", ", Roles.All)}."];
        }

        return errors;
    }
}

public sealed record RevokedKey(string KeyHash, DateTimeOffset RevokedAt, bool AlreadyRevoked);
