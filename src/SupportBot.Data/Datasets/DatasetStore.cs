using Microsoft.EntityFrameworkCore;
using SupportBot.Data.Entities;

namespace SupportBot.Data.Datasets;

/// <summary>A test case to add to a dataset (from a resolved ticket or a reviewed trace).</summary>
public sealed record NewDatasetItem(
    string Subject,
    string Body,
    string? Category,
    string Language,
    string ExpectedOutput,
    bool ExpectedHandoff,
    string? ExpectedArticleSlug = null,
    Guid? SourceTicketId = null,
    string? SourceTraceId = null,
    string Metadata = "{}",
    string? Context = null);

public sealed record DatasetChange(Guid DatasetId, int Version, int Added, int Removed, int Skipped, int ItemCount);

/// <summary>
/// Every write to datasets goes through here, so each change makes exactly one new version and
/// items are never edited or deleted in place (a run's pinned version stays readable forever).
/// </summary>
public sealed class DatasetStore(SupportBotDbContext db, TimeProvider clock)
{
    public async Task<DatasetChange> CreateAsync(
        string name, string description, string? category, IReadOnlyCollection<NewDatasetItem> items, string change, CancellationToken cancellationToken)
    {
        var dataset = new Dataset
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Description = description,
            Category = category,
            CreatedAt = clock.GetUtcNow(),
        };
        return await db.InTransactionAsync(async _ =>
        {
            db.Datasets.Add(dataset);
            await db.SaveChangesAsync(cancellationToken);
            return await NewVersionAsync(dataset, items, [], change, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Adds items as a new version; items whose source ticket or trace is already in the dataset are skipped.</summary>
    public Task<DatasetChange> AddItemsAsync(Guid datasetId, IReadOnlyCollection<NewDatasetItem> items, string change, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async _ => await NewVersionAsync(await LockAsync(datasetId, cancellationToken), items, [], change, cancellationToken), cancellationToken);

    public Task<DatasetChange> RemoveItemsAsync(Guid datasetId, IReadOnlyCollection<Guid> itemIds, string change, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async _ => await NewVersionAsync(await LockAsync(datasetId, cancellationToken), [], itemIds, change, cancellationToken), cancellationToken);

    /// <summary>The items of one version exactly as they were when it was made.</summary>
    public IQueryable<DatasetItem> ItemsAt(Guid datasetId, int version) =>
        db.DatasetItems.Where(i => i.DatasetId == datasetId
            && i.AddedInVersion <= version
            && (i.RemovedInVersion == null || i.RemovedInVersion > version));

    public async Task<bool> ArchiveAsync(Guid datasetId, CancellationToken cancellationToken) =>
        await db.Datasets
            .Where(d => d.Id == datasetId && d.ArchivedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ArchivedAt, clock.GetUtcNow()), cancellationToken) == 1;

    private async Task<Dataset> LockAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        // Row lock: two concurrent changes to one dataset must not both become version N+1.
        var dataset = await db.Datasets
            .FromSql($"SELECT * FROM datasets WHERE id = {datasetId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        return dataset is null || dataset.ArchivedAt is not null
            ? throw new DatasetNotFoundException(datasetId)
            : dataset;
    }

    private async Task<DatasetChange> NewVersionAsync(
        Dataset dataset, IReadOnlyCollection<NewDatasetItem> added, IReadOnlyCollection<Guid> removedIds, string change, CancellationToken cancellationToken)
    {
        var version = dataset.CurrentVersion + 1;
        var current = ItemsAt(dataset.Id, dataset.CurrentVersion);
        var presentTickets = (await current.Where(i => i.SourceTicketId != null).Select(i => i.SourceTicketId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        var presentTraces = (await current.Where(i => i.SourceTraceId != null).Select(i => i.SourceTraceId!).ToListAsync(cancellationToken)).ToHashSet();

        var removed = removedIds.Count == 0 ? 0 : await current
            .Where(i => removedIds.Contains(i.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RemovedInVersion, version), cancellationToken);

        var now = clock.GetUtcNow();
        var addedCount = 0;
        foreach (var item in added)
        {
            if ((item.SourceTicketId is { } ticket && !presentTickets.Add(ticket)) || (item.SourceTraceId is { } trace && !presentTraces.Add(trace)))
            {
                continue;
            }

            db.DatasetItems.Add(new DatasetItem
            {
                Id = Guid.CreateVersion7(),
                DatasetId = dataset.Id,
                Subject = item.Subject,
                Body = item.Body,
                Category = item.Category,
                Language = item.Language,
                ExpectedOutput = item.ExpectedOutput,
                ExpectedHandoff = item.ExpectedHandoff,
                ExpectedArticleSlug = item.ExpectedArticleSlug,
                SourceTicketId = item.SourceTicketId,
                SourceTraceId = item.SourceTraceId,
                Metadata = item.Metadata,
                Context = item.Context,
                AddedInVersion = version,
                CreatedAt = now,
            });
            addedCount++;
        }

        var itemCount = await current.CountAsync(cancellationToken) - removed + addedCount;
        if (removed == 0 && addedCount == 0 && dataset.CurrentVersion > 0)
        {
            // Nothing changed (unknown item ids, only duplicates): a version identical to the last
            // would only make experiment comparisons across versions look like a change.
            return new DatasetChange(dataset.Id, dataset.CurrentVersion, 0, 0, added.Count, itemCount);
        }

        dataset.CurrentVersion = version;
        db.DatasetVersions.Add(new DatasetVersion
        {
            DatasetId = dataset.Id,
            Version = version,
            Change = change,
            ItemCount = itemCount,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new DatasetChange(dataset.Id, version, addedCount, removed, added.Count - addedCount, itemCount);
    }
}

public sealed class DatasetNotFoundException(Guid datasetId) : Exception($"Dataset {datasetId} does not exist or is archived.")
{
    public Guid DatasetId { get; } = datasetId;
}
