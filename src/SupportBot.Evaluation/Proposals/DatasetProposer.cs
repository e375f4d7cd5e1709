using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Evaluation.Proposals;

/// <summary>There is nothing to propose from: no historical ticket has a sent reply.</summary>
public sealed class NoResolvedTicketsException()
    : Exception("no resolved historical tickets (with a sent reply) to propose datasets from: import some first (supportbot import tickets FILE)");

/// <summary>
/// `datasets propose`: clusters the resolved historical tickets of each category by what their
/// resolution did (<see cref="ResolutionClusterer"/>), names each cluster (<see cref="ProposalNamer"/>)
/// and stores the proposals as one batch. Every resolved ticket lands in exactly one proposal.
/// </summary>
public sealed class DatasetProposer(SupportBotDbContext db, ProposalNamer namer, TimeProvider clock)
{
    public const int ExampleSubjects = 3;
    public const string Uncategorized = "uncategorized";

    public async Task<DatasetProposalBatch> ProposeAsync(CancellationToken cancellationToken)
    {
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.Source == TicketSources.Historical && t.SentReply != null && t.SentReply != "")
            .OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Category, t.Subject, SentReply = t.SentReply! })
            .ToListAsync(cancellationToken);
        if (tickets.Count == 0)
        {
            throw new NoResolvedTicketsException();
        }

        var batchId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var subjects = tickets.ToDictionary(t => t.Id, t => t.Subject);
        var proposals = new List<DatasetProposal>();
        foreach (var category in tickets.GroupBy(t => t.Category).OrderBy(g => g.Key ?? Uncategorized, StringComparer.Ordinal))
        {
            var documents = category.Select(t => new ResolutionDocument(t.Id, ResolutionText.For(t.Subject, t.SentReply))).ToList();
            foreach (var cluster in ResolutionClusterer.Cluster(documents))
            {
                var examples = cluster.Members.Take(ExampleSubjects).Select(id => subjects[id]).ToList();
                var (name, namedBy) = await namer.NameAsync(category.Key, cluster.TopTerms, examples, cancellationToken);
                proposals.Add(new DatasetProposal
                {
                    Id = Guid.CreateVersion7(),
                    BatchId = batchId,
                    Category = category.Key,
                    Name = name,
                    Size = cluster.Members.Count,
                    TopTerms = [.. cluster.TopTerms],
                    ExampleSubjects = [.. examples],
                    TicketIds = [.. cluster.Members],
                    NamedBy = namedBy,
                    CreatedAt = now,
                });
            }
        }

        db.DatasetProposals.AddRange(proposals);
        await db.SaveChangesAsync(cancellationToken);
        return new DatasetProposalBatch(batchId, tickets.Count, proposals.Select(ToView).ToList());
    }

    public static DatasetProposalView ToView(DatasetProposal p) =>
        new(p.Id, p.BatchId, p.Category, p.Name, p.Size, p.TopTerms, p.ExampleSubjects, p.NamedBy, p.AcceptedDatasetId);
}
