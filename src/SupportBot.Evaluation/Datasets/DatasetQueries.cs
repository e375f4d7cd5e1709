using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;

namespace SupportBot.Evaluation.Datasets;

/// <summary>Read side of datasets for the API and the CLI (writes go through <see cref="DatasetStore"/>).</summary>
public sealed class DatasetQueries(SupportBotDbContext db, DatasetStore store)
{
    public async Task<List<DatasetSummary>> ListAsync(bool includeArchived, CancellationToken cancellationToken) =>
        await Summaries(db.Datasets.Where(d => includeArchived || d.ArchivedAt == null).OrderBy(d => d.Name)).ToListAsync(cancellationToken);

    /// <summary>By id or by name.</summary>
    public async Task<Dataset?> FindAsync(string nameOrId, CancellationToken cancellationToken) =>
        Guid.TryParse(nameOrId, out var id)
            ? await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            : await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Name == nameOrId, cancellationToken);

    public async Task<DatasetDetail?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var summary = await Summaries(db.Datasets.Where(d => d.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (summary is null)
        {
            return null;
        }

        var versions = await db.DatasetVersions.AsNoTracking()
            .Where(v => v.DatasetId == id)
            .OrderBy(v => v.Version)
            .Select(v => new DatasetVersionView(v.Version, v.Change, v.ItemCount, v.CreatedAt))
            .ToListAsync(cancellationToken);
        return new DatasetDetail(summary, versions);
    }

    /// <summary>A multi-turn item carries its earlier turns in <see cref="DatasetItemView.Context"/>; a ticket's is null.</summary>
    public async Task<List<DatasetItemView>> ItemsAsync(Guid id, int version, CancellationToken cancellationToken) =>
        (await store.ItemsAt(id, version).AsNoTracking()
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken))
            .Select(i => new DatasetItemView(i.Id, i.Subject, i.Body, i.Category, i.Language, i.ExpectedOutput, i.ExpectedHandoff, i.ExpectedArticleSlug,
                i.SourceTicketId, i.SourceTraceId, i.AddedInVersion, i.RemovedInVersion, i.Context is null ? null : DatasetItemContext.Parse(i.Context)))
            .ToList();

    private IQueryable<DatasetSummary> Summaries(IQueryable<Dataset> datasets) =>
        from d in datasets.AsNoTracking()
        select new DatasetSummary(d.Id, d.Name, d.Description, d.Category, d.CurrentVersion,
            db.DatasetVersions.Where(v => v.DatasetId == d.Id && v.Version == d.CurrentVersion).Select(v => v.ItemCount).FirstOrDefault(),
            d.CreatedAt, d.ArchivedAt);
}
