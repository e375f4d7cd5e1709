namespace SupportBot.Contracts;

/// <summary>A proposed dataset: resolved tickets of one category whose resolutions look alike.</summary>
public sealed record DatasetProposalView(
    Guid Id,
    Guid BatchId,
    string? Category,
    string Name,
    int Size,
    IReadOnlyList<string> TopTerms,
    IReadOnlyList<string> ExampleSubjects,
    string NamedBy,
    Guid? AcceptedDatasetId);

/// <summary>The answer to a propose run: every proposal of the new batch, largest first within each category.</summary>
public sealed record DatasetProposalBatch(Guid BatchId, int ResolvedTickets, IReadOnlyList<DatasetProposalView> Proposals);

/// <summary>Accept the given proposals, or all open proposals of the latest batch; AsOneDataset merges them into one dataset.</summary>
public sealed record AcceptDatasetProposalsRequest(IReadOnlyList<Guid>? Ids, bool All = false, bool AsOneDataset = false);

public sealed record AcceptedDatasetView(Guid DatasetId, string Name, int Version, int ItemCount, IReadOnlyList<Guid> ProposalIds);
