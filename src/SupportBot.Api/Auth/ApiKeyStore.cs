using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SupportBot.Contracts;
using SupportBot.Data;

namespace SupportBot.Api.Auth;

/// <summary>
/// Finds the caller behind a key. Known keys are cached briefly so a busy integration does not
/// cost a database round trip per request. A revocation through the API clears the entry on every
/// instance at once (<see cref="ApiKeyRevocations"/>); one made elsewhere (the CLI) takes effect
/// within the cache time.
/// </summary>
internal sealed class ApiKeyStore(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<CallerIdentity?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeyMaterial.Hash(key);
        if (cache.TryGetValue(CacheKey(hash), out CallerIdentity? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();
        var caller = await db.ApiKeys
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new CallerIdentity(k.Name, k.Role))
            .SingleOrDefaultAsync(cancellationToken);

        if (caller is not null)
        {
            cache.Set(CacheKey(hash), caller, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        }

        return caller;
    }

    public void Forget(string keyHash) => cache.Remove(CacheKey(keyHash));

    private static string CacheKey(string hash) => "api-key:" + hash;
}
