using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SupportBot.Data;

namespace SupportBot.Drafting.Models;

/// <summary>
/// Which model configuration drafts with a prompt's production version: the persisted choice (production_models),
/// else Models:Default. Read on every draft, so cached for a few seconds like prompt labels; a switch made by this
/// process is seen at once, one made by another process within <see cref="CacheFor"/>.
/// </summary>
public sealed class ProductionModels(SupportBotDbContext db, IMemoryCache cache, ModelCatalog catalog)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public async Task<string> CurrentAsync(string promptName, CancellationToken cancellationToken)
    {
        var key = CacheKey(promptName);
        if (cache.TryGetValue(key, out string? cached))
        {
            return cached!;
        }

        var stored = await db.ProductionModels.AsNoTracking()
            .Where(p => p.PromptName == promptName).Select(p => p.Model).SingleOrDefaultAsync(cancellationToken);
        var current = stored ?? catalog.DefaultModel;
        cache.Set(key, current, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        return current;
    }

    public void Forget(string promptName) => cache.Remove(CacheKey(promptName));

    private static string CacheKey(string promptName) => $"production-model:{promptName}";
}
