using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Data.Entities;

namespace SupportBot.Data.Datasets;

/// <summary>Which resolved historical tickets to turn into dataset items.</summary>
public sealed record TicketSelection(IReadOnlyCollection<Guid>? TicketIds = null, string? Category = null, string? Tag = null, int? Limit = null)
{
    public bool IsEmpty => TicketIds is not { Count: > 0 } && Category is null && Tag is null;
}

/// <summary>
/// Turns tickets and reviewed traces into <see cref="NewDatasetItem"/>s. Shared by the datasets API,
/// the CLI and the phase-2 review loop ("add this trace to the regression set").
/// </summary>
public sealed class DatasetItemSources(SupportBotDbContext db)
{
    /// <summary>Resolved historical tickets with a sent reply: the reply is the expected output, escalation the expected handoff.</summary>
    public async Task<List<NewDatasetItem>> FromTicketsAsync(TicketSelection selection, CancellationToken cancellationToken)
    {
        var tickets = db.Tickets.AsNoTracking().Where(t => t.Source == TicketSources.Historical && t.SentReply != null);
        if (selection.TicketIds is { Count: > 0 } ids)
        {
            tickets = tickets.Where(t => ids.Contains(t.Id));
        }

        if (selection.Category is { } category)
        {
            tickets = tickets.Where(t => t.Category == category);
        }

        if (selection.Tag is { } tag)
        {
            tickets = tickets.Where(t => t.Tags.Contains(tag));
        }

        tickets = tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id);
        if (selection.Limit is { } limit)
        {
            tickets = tickets.Take(limit);
        }

        return [.. (await tickets.ToListAsync(cancellationToken)).Select(FromTicket)];
    }

    /// <summary>
    /// An item from a reviewed trace: the input is the trace's ticket, the expected output the
    /// reviewer's text. Null when the trace is unknown or has no ticket.
    /// </summary>
    public async Task<NewDatasetItem?> FromTraceAsync(string traceId, string expectedOutput, bool expectedHandoff, CancellationToken cancellationToken)
    {
        var ticket = await (from trace in db.Traces.AsNoTracking()
                            join t in db.Tickets.AsNoTracking() on trace.TicketId equals t.Id
                            where trace.Id == traceId
                            select t).SingleOrDefaultAsync(cancellationToken);
        return ticket is null
            ? null
            : FromTicket(ticket) with
            {
                ExpectedOutput = expectedOutput,
                ExpectedHandoff = expectedHandoff,
                SourceTraceId = traceId,
                Metadata = JsonSerializer.Serialize(new { source = "trace", ticketExternalId = ticket.ExternalId }),
            };
    }

    private static NewDatasetItem FromTicket(Ticket ticket) => new(
        ticket.Subject,
        ticket.Body,
        ticket.Category,
        ticket.Language,
        ticket.SentReply ?? "",
        ticket.Escalated,
        SourceTicketId: ticket.Id,
        Metadata: JsonSerializer.Serialize(new { source = "ticket", ticketExternalId = ticket.ExternalId, tags = ticket.Tags, customerName = ticket.CustomerName }));
}

/// <summary>The review loop's one call: add a reviewed trace to a dataset as a new version.</summary>
public static class DatasetStoreTraceExtensions
{
    /// <summary>Null when the trace is unknown or has no ticket; a trace already in the dataset is skipped (<see cref="DatasetChange.Skipped"/>).</summary>
    public static async Task<DatasetChange?> AddFromTraceAsync(
        this DatasetStore store, DatasetItemSources sources, Guid datasetId, string traceId, string expectedOutput, bool expectedHandoff, CancellationToken cancellationToken)
    {
        var item = await sources.FromTraceAsync(traceId, expectedOutput, expectedHandoff, cancellationToken);
        return item is null ? null : await store.AddItemsAsync(datasetId, [item], $"added from trace {traceId}", cancellationToken);
    }
}
