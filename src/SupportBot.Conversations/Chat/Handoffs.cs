using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Conversations;
using SupportBot.Data.Entities;
using SupportBot.Data.Import;
using SupportBot.Drafting.Pipeline;

namespace SupportBot.Conversations.Chat;

public sealed record HandoffResult(ConversationMessageView Notice, Guid TicketId, string? Category);

/// <summary>
/// Hands a conversation to the team through the phase-2 path: a live ticket carrying the whole transcript, drafted by
/// the pipeline like any incoming ticket (so the team edits a draft and sends it with POST /api/drafts/{id}/sent, and
/// the sent reply comes back into the conversation), then a plain notice to the customer.
/// </summary>
public sealed class Handoffs(SupportBotDbContext db, ConversationStore store, DraftingPipeline pipeline, ConversationEvents events, ConversationMetrics metrics, TimeProvider clock)
{
    public async Task<HandoffResult> HandOffAsync(Guid id, string reason, DraftResult? attempt, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        var messages = await store.AllAsync(id, cancellationToken);
        var category = conversation.Category ?? attempt?.Category.Category;
        var ticket = TicketFor(conversation, messages, category);

        // Staged, not saved: the pipeline's one SaveChanges writes ticket, trace and draft together.
        db.Tickets.Add(ticket);
        // The team's draft is a unit of work of its own: a new trace, not a child of the request's (whose trace id the
        // refused answer's trace already carries).
        var parent = Activity.Current;
        Activity.Current = null;
        try
        {
            await pipeline.DraftAsync(
                new DraftInput(ticket.Subject, ticket.Body, ticket.Language, ticket.Category, ticket.CustomerName) { TicketId = ticket.Id },
                new DraftOptions(), cancellationToken);
        }
        finally
        {
            Activity.Current = parent;
            db.ChangeTracker.Clear();
        }


        var (_, notice) = await store.ChangeAsync(id, c =>
        {
            c.Status = ConversationStatuses.HandedOff;
            c.HandedOffAt ??= clock.GetUtcNow();
            c.HandoffReason = reason;
            c.TicketId = ticket.Id;
            c.Category ??= category;
            c.AwaitingCustomerSince = null;
            store.Append(c, ConversationRoles.Status, $"handed off to the team ({HandoffReasons.Kind(reason)})", m => m.HandoffReason = reason);
            return store.Append(c, ConversationRoles.Bot, HandoffNotices.For(c.Language), m =>
            {
                m.HandoffReason = reason;
                m.TraceId = attempt?.TraceId;
            });
        }, cancellationToken);

        var all = await store.RecentAsync(id, 2, cancellationToken);
        foreach (var message in all)
        {
            await events.PublishAsync(id, ConversationViews.ToView(message));
        }

        metrics.HandedOff(category, HandoffReasons.Kind(reason));
        return new HandoffResult(ConversationViews.ToView(notice!), ticket.Id, category);
    }

    /// <summary>The team's ticket: one per hand-off (a reopened conversation handed off again gets a new one), the transcript as its body.</summary>
    private Ticket TicketFor(Conversation conversation, List<ConversationMessage> messages, string? category)
    {
        var now = clock.GetUtcNow();
        var first = messages.FirstOrDefault(m => m.Role == ConversationRoles.Customer)?.Text ?? "";
        var subject = Truncate($"Chat: {first.ReplaceLineEndings(" ")}", 200);
        var body = Truncate(Transcript(messages), TextLimits.Body);
        return new Ticket
        {
            Id = Guid.CreateVersion7(),
            ExternalId = $"conversation-{conversation.Id:N}-{conversation.MessageCount}",
            Source = TicketSources.Live,
            Category = category,
            Subject = subject,
            Body = body,
            Language = conversation.Language,
            CustomerName = conversation.CustomerName,
            CreatedAt = now,
            Tags = ["chat"],
            ContentHash = TicketHashes.ContentHash(subject, body, null, category, conversation.Language, ["chat"], null, now, null, escalated: false, conversation.CustomerName),
            UpdatedAt = now,
        };
    }

    /// <summary>The whole conversation as the team reads it, oldest first; the newest customer message last.</summary>
    public static string Transcript(IEnumerable<ConversationMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages.Where(m => m.Role != ConversationRoles.Status))
        {
            var who = message.Role switch
            {
                ConversationRoles.Customer => "Customer",
                ConversationRoles.Bot => "Bot",
                _ => "Team",
            };
            text.Append(who).Append(": ").AppendLine(message.Text).AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
