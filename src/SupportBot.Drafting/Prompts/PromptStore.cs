using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Drafting.Prompts;

public sealed class PromptNotFoundException(string message) : Exception(message);

/// <summary>
/// Versioned prompts in Postgres. Versions are immutable; labels move. Lookups by label are cached
/// for a few seconds, because every draft needs one and labels change rarely; a label moved by this
/// process is seen at once, one moved by another process within <see cref="CacheFor"/>.
/// </summary>
public sealed class PromptStore(SupportBotDbContext db, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>The version named, or else the one carrying <paramref name="label"/> (production by default).</summary>
    public async Task<PromptVersion> ResolveAsync(string name, string? label, int? version, CancellationToken cancellationToken)
    {
        if (version is { } exact)
        {
            return await db.PromptVersions.AsNoTracking().SingleOrDefaultAsync(p => p.Name == name && p.Version == exact, cancellationToken)
                ?? throw new PromptNotFoundException($"Prompt '{name}' has no version {exact}.");
        }

        var wanted = label ?? PromptLabels.Production;
        var key = CacheKey(name, wanted);
        if (cache.TryGetValue(key, out PromptVersion? cached))
        {
            return cached!;
        }

        var found = await db.PromptVersions.AsNoTracking()
            .Where(p => p.Name == name && p.Labels.Contains(wanted))
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new PromptNotFoundException($"Prompt '{name}' has no version labelled '{wanted}'.");
        cache.Set(key, found, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        return found;
    }

    public Task<List<PromptVersion>> ListAsync(string? name, CancellationToken cancellationToken) =>
        db.PromptVersions.AsNoTracking()
            .Where(p => name == null || p.Name == name)
            .OrderBy(p => p.Name).ThenByDescending(p => p.Version)
            .ToListAsync(cancellationToken);

    /// <summary>Adds the next version of <paramref name="name"/>; the labels given move to it.</summary>
    public async Task<PromptVersion> CreateAsync(
        string name, string template, PromptSettings settings, IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
    {
        var created = await db.InTransactionAsync(_ => AddVersionAsync(name, template, settings, labels, cancellationToken), cancellationToken);
        Forget(name, labels);
        return created;
    }

    private async Task<PromptVersion> AddVersionAsync(
        string name, string template, PromptSettings settings, IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
    {
        var versions = await db.PromptVersions.Where(p => p.Name == name).ToListAsync(cancellationToken);
        foreach (var other in versions)
        {
            other.Labels = [.. other.Labels.Except(labels)];
        }

        var created = new PromptVersion
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1,
            Template = template,
            Settings = settings.ToJson(),
            Labels = [.. labels.Distinct(StringComparer.Ordinal)],
            CreatedAt = clock.GetUtcNow(),
        };
        db.PromptVersions.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>Puts <paramref name="label"/> on one version of <paramref name="name"/>, taking it off the others.</summary>
    public async Task<PromptVersion> MoveLabelAsync(string name, string label, int version, CancellationToken cancellationToken)
    {
        var target = await db.InTransactionAsync(_ => PutLabelAsync(name, label, version, cancellationToken), cancellationToken);
        Forget(name, [label]);
        return target;
    }

    private async Task<PromptVersion> PutLabelAsync(string name, string label, int version, CancellationToken cancellationToken)
    {
        var versions = await db.PromptVersions.Where(p => p.Name == name).ToListAsync(cancellationToken);
        var target = versions.SingleOrDefault(v => v.Version == version)
            ?? throw new PromptNotFoundException($"Prompt '{name}' has no version {version}.");
        foreach (var other in versions.Where(v => v != target))
        {
            other.Labels = [.. other.Labels.Where(l => l != label)];
        }

        if (!target.Labels.Contains(label))
        {
            target.Labels = [.. target.Labels, label];
        }

        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    /// <summary>Creates version 1 of the default prompt, labelled production, when the prompt has no version yet.</summary>
    public async Task EnsureDefaultAsync(CancellationToken cancellationToken)
    {
        if (!await db.PromptVersions.AnyAsync(p => p.Name == PromptLabels.DefaultPromptName, cancellationToken))
        {
            try
            {
                await CreateAsync(PromptLabels.DefaultPromptName, DefaultPrompt.Template, new PromptSettings(), [PromptLabels.Production], cancellationToken);
            }
            catch (DbUpdateException)
            {
                // API and worker start together; if the other one created it first, that is fine.
                db.ChangeTracker.Clear();
                if (!await db.PromptVersions.AnyAsync(p => p.Name == PromptLabels.DefaultPromptName, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    private void Forget(string name, IEnumerable<string> labels)
    {
        foreach (var label in labels)
        {
            cache.Remove(CacheKey(name, label));
        }
    }

    private static string CacheKey(string name, string label) => $"prompt:{name}:{label}";
}
