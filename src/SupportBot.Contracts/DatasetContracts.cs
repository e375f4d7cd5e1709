using System.ComponentModel.DataAnnotations;
namespace SupportBot.Contracts;

public sealed record DatasetSummary(
    Guid Id, string Name, string Description, string? Category, int CurrentVersion, int ItemCount, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt);

public sealed record DatasetVersionView(int Version, string Change, int ItemCount, DateTimeOffset CreatedAt);

public sealed record DatasetDetail(DatasetSummary Dataset, IReadOnlyList<DatasetVersionView> Versions);

public sealed record DatasetItemView(
    Guid Id,
    string Subject,
    string Body,
    string? Category,
    string Language,
    string ExpectedOutput,
    bool ExpectedHandoff,
    string? ExpectedArticleSlug,
    Guid? SourceTicketId,
    string? SourceTraceId,
    int AddedInVersion,
    int? RemovedInVersion,
    IReadOnlyList<DatasetTurn>? Context = null);

/// <summary>Resolved historical tickets to take items from: by id, or by category and/or tag.</summary>
public sealed record DatasetTicketFilter(Guid[]? TicketIds = null, string? Category = null, string? Tag = null, int? Limit = null);

/// <summary>A reviewed trace: its ticket becomes the input, <see cref="ExpectedOutput"/> the reference reply.</summary>
public sealed record DatasetTraceItem(string? TraceId, string? ExpectedOutput, bool ExpectedHandoff = false);

/// <summary>Creates a dataset, empty or from tickets.</summary>
public sealed record CreateDatasetRequest([Required] string? Name, string? Description = null, string? Category = null, DatasetTicketFilter? FromTickets = null);

/// <summary>Adds items (a new version): from tickets, and/or from a reviewed trace.</summary>
public sealed record AddDatasetItemsRequest(DatasetTicketFilter? FromTickets = null, DatasetTraceItem? FromTrace = null);

public sealed record RemoveDatasetItemsRequest([Required] Guid[]? ItemIds);

public sealed record DatasetChangeView(Guid DatasetId, int Version, int Added, int Removed, int Skipped, int ItemCount);
