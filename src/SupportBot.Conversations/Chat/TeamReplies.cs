using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Conversations;
using SupportBot.Data.Replies;

namespace SupportBot.Conversations.Chat;

/// <summary>
/// Brings the team's reply into a handed-off conversation as an agent message: from a sent draft of the conversation's
/// ticket (POST /api/drafts/{id}/sent), or written straight into the conversation (POST /api/conversations/{id}/agent-messages).
/// </summary>
public sealed class TeamReplies(SupportBotDbContext db, ConversationStore store, ConversationEvents events, SentReplies sentReplies)
{
    /// <summary>Delivers the sent reply of a draft when its ticket belongs to a conversation; false (and nothing done) otherwise.</summary>
    public async Task<bool> DeliverSentDraftAsync(Guid draftId, string text, string? agent, CancellationToken cancellationToken)
    {
        var draft = await db.Drafts.AsNoTracking().Where(d => d.Id == draftId).Select(d => new { d.TicketId, d.TraceId }).SingleOrDefaultAsync(cancellationToken);
        var conversationId = draft is null ? (Guid?)null
            : await db.Conversations.AsNoTracking().Where(c => c.TicketId == draft.TicketId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (conversationId is not { } id)
        {
            return false;
        }

        await DeliverAsync(id, text, agent, draftId, draft!.TraceId, draft.TicketId, cancellationToken);
        return true;
    }

    public async Task<ConversationResult<ConversationMessageView>> WriteAsync(Guid id, string text, string? agent, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return ConversationResult<ConversationMessageView>.Fail(ConversationProblem.NotFound, $"No conversation with id {id}.");
        }

        if (conversation.Status != ConversationStatuses.HandedOff || conversation.TicketId is not { } ticketId)
        {
            return ConversationResult<ConversationMessageView>.Fail(conversation.Status == ConversationStatuses.Closed ? ConversationProblem.Closed : ConversationProblem.WrongState,
                $"Conversation {id} is {conversation.Status}; the team writes into handed-off conversations.");
        }

        // The reply's scores (monitor flags) go on the trace of the ticket's draft: the team's work on this hand-off.
        var draft = await db.Drafts.AsNoTracking().Where(d => d.TicketId == ticketId).OrderByDescending(d => d.CreatedAt)
            .Select(d => new { d.Id, d.TraceId }).FirstAsync(cancellationToken);
        return ConversationResult<ConversationMessageView>.Ok(await DeliverAsync(id, text, agent, null, draft.TraceId, ticketId, cancellationToken));
    }

    private async Task<ConversationMessageView> DeliverAsync(Guid id, string text, string? agent, Guid? draftId, string traceId, Guid ticketId, CancellationToken cancellationToken)
    {
        var (conversation, message) = await store.ChangeAsync(id, c => store.Append(c, ConversationRoles.Agent, text, m =>
        {
            m.Author = agent;
            m.DraftId = draftId;
            m.TraceId = traceId;
        }), cancellationToken);
        var view = ConversationViews.ToView(message!);
        await events.PublishAsync(id, view);

        var earlier = (await store.AllAsync(id, cancellationToken)).Where(m => m.Sequence < message!.Sequence).ToList();
        var lastCustomer = earlier.LastOrDefault(m => m.Role == ConversationRoles.Customer)?.Text ?? "";
        await sentReplies.PublishAsync(new SentReply(
            message!.Id, traceId, ReplySources.Team, conversation!.Category, conversation.Language, id, ticketId, conversation.CustomerName,
            lastCustomer, text, CustomerMessages.CustomerContext(earlier), [], message.CreatedAt), cancellationToken);
        return view;
    }
}
