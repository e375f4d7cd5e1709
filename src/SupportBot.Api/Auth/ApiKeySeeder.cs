using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Api.Auth;

/// <summary>
/// Upserts the configured seed keys after migrations ran (hosted services start in registration
/// order). A seed key with a new hash replaces the old one of the same name. Api replicas seed one at a time: two
/// inserting the same new name at once would fail one replica's start on the unique index.
/// </summary>
internal sealed class ApiKeySeeder(IServiceProvider services, NpgsqlDataSource dataSource, IOptions<SeedApiKeysOptions> options, TimeProvider clock, ILogger<ApiKeySeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seeds = options.Value.SeedKeys;
        if (seeds.Count == 0)
        {
            return;
        }

        foreach (var seed in seeds)
        {
            if (string.IsNullOrWhiteSpace(seed.Name) || !Roles.IsKnown(seed.Role) || seed.Hash.Length != 64)
            {
                throw new InvalidOperationException(
                    $"Auth:SeedKeys entry '{seed.Name}' is invalid: it needs a name, a role ({string.Join(", ", Roles.All)}) and a 64-character SHA-256 hex hash.");
            }
        }

        await using var alone = await ReplicaLock.AcquireAsync(dataSource, "start-up-seeding", cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();
        var names = seeds.Select(s => s.Name).ToList();
        var existing = await db.ApiKeys.Where(k => names.Contains(k.Name)).ToDictionaryAsync(k => k.Name, cancellationToken);
        foreach (var seed in seeds)
        {
            if (existing.TryGetValue(seed.Name, out var key))
            {
                (key.Role, key.KeyHash, key.RevokedAt) = (seed.Role, seed.Hash.ToLowerInvariant(), null);
            }
            else
            {
                db.ApiKeys.Add(new ApiKey
                {
                    Id = Guid.CreateVersion7(),
                    Name = seed.Name,
                    Role = seed.Role,
                    KeyHash = seed.Hash.ToLowerInvariant(),
                    CreatedAt = clock.GetUtcNow(),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} API key(s) from configuration", seeds.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
