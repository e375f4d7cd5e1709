using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Evaluation.Proposals;

/// <summary>A proposal id that does not exist, or one already turned into a dataset.</summary>
public sealed class ProposalSelectionException(string message) : Exception(message);

/// <summary>
/// `datasets accept`: turns proposals into datasets through <see cref="DatasetStore.CreateAsync"/>, one
/// per proposal, or one for all of them with <c>asOneDataset</c> (`--single`) (one big "all resolved tickets" dataset: one
/// number per run and no per-behaviour breakdown, versus several small datasets that show which
/// behaviour got worse). Items come from the tickets: subject, body, category and language as input,
/// the sent reply as expected output, the escalation as expected handoff, and the first help-article
/// URL of the sent reply that is in the index as expected article. Everything is checked first; then
/// all datasets are created and their proposals marked accepted in one transaction.
/// </summary>
public sealed class ProposalAcceptor(SupportBotDbContext db, DatasetStore datasets)
{
    public const string AllResolvedName = "all resolved tickets";
    private const int MaxNameLength = 200;

    public async Task<IReadOnlyList<AcceptedDatasetView>> AcceptAsync(IReadOnlyCollection<Guid> ids, bool all, bool asOneDataset, CancellationToken cancellationToken)
    {
        var proposals = all ? await OpenProposalsOfLatestBatchAsync(cancellationToken) : await RequestedAsync(ids, cancellationToken);
        var articles = await db.HelpArticles.AsNoTracking().Select(a => new { a.Slug, a.Url }).ToListAsync(cancellationToken);
        var index = new HelpArticleIndexSnapshot(articles.Select(a => (a.Slug, a.Url)));

        IReadOnlyList<IReadOnlyList<DatasetProposal>> groups = asOneDataset ? [proposals] : [.. proposals.Select(p => (IReadOnlyList<DatasetProposal>)[p])];

        // All datasets and proposal marks in one transaction: an accept either happens entirely or not at all.
        return await db.InTransactionAsync(ct => CreateDatasetsAsync(groups, index, ct), cancellationToken);
    }

    private async Task<List<AcceptedDatasetView>> CreateDatasetsAsync(
        IReadOnlyList<IReadOnlyList<DatasetProposal>> groups, HelpArticleIndexSnapshot index, CancellationToken cancellationToken)
    {
        var accepted = new List<AcceptedDatasetView>();
        foreach (var group in groups)
        {
            var items = await ItemsAsync(group, index, cancellationToken);
            var name = await UniqueNameAsync(group.Count == 1 ? group[0].Name : AllResolvedName, cancellationToken);
            var categories = group.Select(p => p.Category).Distinct().ToList();
            var description = group.Count == 1
                ? $"Proposed from {group[0].Size} resolved tickets; top terms: {string.Join(", ", group[0].TopTerms)}."
                : $"{items.Count} resolved tickets from {group.Count} proposals.";
            var change = await datasets.CreateAsync(
                name, description, categories.Count == 1 ? categories[0] : null, items,
                $"created from proposal(s) {string.Join(", ", group.Select(p => p.Id))}", cancellationToken);

            var proposalIds = group.Select(p => p.Id).ToList();
            var marked = await db.DatasetProposals.Where(p => proposalIds.Contains(p.Id) && p.AcceptedDatasetId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.AcceptedDatasetId, change.DatasetId), cancellationToken);
            if (marked != proposalIds.Count)
            {
                // Another accept took one of them after our checks; the rollback undoes every dataset made here.
                throw new ProposalSelectionException("a proposal was accepted by someone else meanwhile; nothing was created, run the command again");
            }

            accepted.Add(new AcceptedDatasetView(change.DatasetId, name, change.Version, change.ItemCount, proposalIds));
        }

        return accepted;
    }

    private async Task<List<DatasetProposal>> RequestedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            throw new ProposalSelectionException("name the proposals to accept, or pass --all");
        }

        var found = await db.DatasetProposals.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var unknown = ids.Except(found.Select(p => p.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ProposalSelectionException($"no dataset proposal with id {string.Join(", ", unknown)}");
        }

        if (found.FirstOrDefault(p => p.AcceptedDatasetId is not null) is { } done)
        {
            throw new ProposalSelectionException($"proposal {done.Id} ('{done.Name}') was already accepted as dataset {done.AcceptedDatasetId}");
        }

        // In the order asked for, so datasets are created in that order.
        return ids.Distinct().Select(id => found.Single(p => p.Id == id)).ToList();
    }

    private async Task<List<DatasetProposal>> OpenProposalsOfLatestBatchAsync(CancellationToken cancellationToken)
    {
        var latest = await db.DatasetProposals.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.BatchId)
            .Select(p => (Guid?)p.BatchId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ProposalSelectionException("there are no dataset proposals yet: run `supportbot datasets propose` first");
        var open = await db.DatasetProposals.AsNoTracking()
            .Where(p => p.BatchId == latest && p.AcceptedDatasetId == null)
            .OrderBy(p => p.Category).ThenByDescending(p => p.Size).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return open.Count > 0 ? open : throw new ProposalSelectionException($"every proposal of the latest batch {latest} is already accepted");
    }

    private async Task<List<NewDatasetItem>> ItemsAsync(IReadOnlyList<DatasetProposal> group, HelpArticleIndexSnapshot index, CancellationToken cancellationToken)
    {
        var items = new List<NewDatasetItem>();
        foreach (var proposal in group)
        {
            var ids = proposal.TicketIds;
            var tickets = (await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken)).ToDictionary(t => t.Id);
            foreach (var id in ids)
            {
                // A ticket deleted since the proposal was made is simply left out.
                if (tickets.TryGetValue(id, out var ticket) && ticket.SentReply is { Length: > 0 } reply)
                {
                    items.Add(new NewDatasetItem(
                        ticket.Subject, ticket.Body, ticket.Category, ticket.Language, reply, ticket.Escalated,
                        ExpectedArticleSlug(reply, index), ticket.Id, Metadata: Metadata(ticket, proposal)));
                }
            }
        }

        return items;
    }

    /// <summary>The first help-article URL in the reply that the index knows.</summary>
    public static string? ExpectedArticleSlug(string sentReply, HelpArticleIndexSnapshot index) =>
        GroundingEvaluator.FindUrls(sentReply).Select(index.SlugOf).FirstOrDefault(slug => slug is not null);

    private static string Metadata(Ticket ticket, DatasetProposal proposal) => JsonSerializer.Serialize(new
    {
        externalId = ticket.ExternalId,
        tags = ticket.Tags,
        priority = ticket.Priority,
        proposalId = proposal.Id,
        proposal = proposal.Name,
    });

    private async Task<string> UniqueNameAsync(string name, CancellationToken cancellationToken)
    {
        name = name.Length <= MaxNameLength - 6 ? name : name[..(MaxNameLength - 6)];
        var taken = (await db.Datasets.Where(d => d.Name == name || d.Name.StartsWith(name + " (")).Select(d => d.Name).ToListAsync(cancellationToken)).ToHashSet();
        if (!taken.Contains(name))
        {
            return name;
        }

        var n = 2;
        while (taken.Contains($"{name} ({n})"))
        {
            n++;
        }

        return $"{name} ({n})";
    }
}
