using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Conversations.Signals;
using SupportBot.Data;
using SupportBot.Data.Conversations;

namespace SupportBot.Conversations.Chat;

/// <summary>Opening, reading, closing and reopening conversations. Customer messages are <see cref="CustomerMessages"/>.</summary>
public sealed class ConversationService(
    SupportBotDbContext db,
    ConversationStore store,
    ConversationEvents events,
    ImplicitSignals signals,
    ConversationMetrics metrics,
    IOptions<ConversationOptions> options,
    TimeProvider clock)
{
    public async Task<ConversationView> StartAsync(string channel, string customerId, string? customerName, string language, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(),
            Channel = channel,
            CustomerExternalId = customerId,
            CustomerName = customerName,
            Language = language,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        metrics.Started();
        return ConversationViews.ToView(conversation, []);
    }

    public async Task<ConversationView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return conversation is null ? null : ConversationViews.ToView(conversation, await store.AllAsync(id, cancellationToken));
    }

    /// <summary>The channel key that opened the conversation; null when there is no such conversation.</summary>
    public Task<string?> ChannelOfAsync(Guid id, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => c.Channel).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Messages after <paramref name="afterSequence"/>: the replay a reconnecting event stream starts with.</summary>
    public async Task<List<ConversationMessageView>> MessagesAfterAsync(Guid id, int afterSequence, CancellationToken cancellationToken) =>
        (await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == id && m.Sequence > afterSequence)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken))
        .Select(ConversationViews.ToView).ToList();

    /// <summary>Closing a closed conversation changes nothing and is not an error (the channel may retry).</summary>
    public async Task<ConversationResult<ConversationView>> CloseAsync(Guid id, bool? resolved, CancellationToken cancellationToken)
    {
        var (conversation, message) = await store.ChangeAsync(id, c =>
        {
            if (c.Status == ConversationStatuses.Closed)
            {
                return null;
            }

            c.Status = ConversationStatuses.Closed;
            c.ClosedAt = clock.GetUtcNow();
            c.AwaitingCustomerSince = null;
            c.ResolvedByCustomer = resolved ?? c.ResolvedByCustomer;
            return store.Append(c, ConversationRoles.Status, resolved switch
            {
                true => "closed: the customer said it is resolved",
                false => "closed: the customer said it is not resolved",
                null => "closed",
            });
        }, cancellationToken);
        if (conversation is null)
        {
            return ConversationResult<ConversationView>.Fail(ConversationProblem.NotFound, $"No conversation with id {id}.");
        }

        if (message is not null)
        {
            await events.PublishAsync(id, ConversationViews.ToView(message));
            metrics.Closed(conversation.Category, byTeam: conversation.HandedOffAt is not null);
            if (resolved is { } value && conversation.LastBotTraceId is { } trace)
            {
                await signals.RecordAsync(trace, ConversationScoreDefinitions.Resolved, value, conversation.Category, "the customer's answer when closing", cancellationToken);
            }
        }

        return ConversationResult<ConversationView>.Ok((await GetAsync(id, cancellationToken))!);
    }

    /// <summary>
    /// Reopens a closed conversation. Within the reopen window this is the signal "reopened" on the last bot answer; a
    /// handed-off conversation stays with the team.
    /// </summary>
    public async Task<ConversationResult<ConversationView>> ReopenAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = options.Value.ReopenWindow;
        var (conversation, counted) = await store.ChangeAsync<bool?>(id, c =>
        {
            if (c.Status != ConversationStatuses.Closed)
            {
                return null;
            }

            var withinWindow = c.ClosedAt is { } closed && SignalRules.CountsAsReopen(now - closed, window);
            c.Status = c.HandedOffAt is null ? ConversationStatuses.Open : ConversationStatuses.HandedOff;
            c.ReopenedAt = now;
            c.Reopened |= withinWindow;
            c.ClosedAt = null;
            store.Append(c, ConversationRoles.Status, withinWindow ? "reopened" : "reopened after the reopen window");
            return withinWindow;
        }, cancellationToken);
        if (conversation is null)
        {
            return ConversationResult<ConversationView>.Fail(ConversationProblem.NotFound, $"No conversation with id {id}.");
        }

        if (counted is null)
        {
            return ConversationResult<ConversationView>.Fail(ConversationProblem.WrongState, $"Conversation {id} is {conversation.Status}, not closed.");
        }

        var view = (await GetAsync(id, cancellationToken))!;
        await events.PublishAsync(id, view.Messages[^1]);
        if (counted.Value && conversation.LastBotTraceId is { } trace)
        {
            await signals.RecordAsync(trace, ConversationScoreDefinitions.Reopened, true, conversation.Category, "reopened within the reopen window", cancellationToken);
        }

        return ConversationResult<ConversationView>.Ok(view);
    }
}
