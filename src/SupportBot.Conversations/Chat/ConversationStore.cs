using Microsoft.EntityFrameworkCore;
using SupportBot.Data;
using SupportBot.Data.Conversations;

namespace SupportBot.Conversations.Chat;

/// <summary>
/// Appends messages under the conversation's row lock: short transactions, never held across the model call, so the
/// sequence numbers stay gapless and ordered however many requests write to one conversation at once.
/// </summary>
public sealed class ConversationStore(SupportBotDbContext db, TimeProvider clock)
{
    public Task<Conversation?> LockAsync(Guid id, CancellationToken cancellationToken) =>
        db.Conversations.FromSql($"SELECT * FROM conversations WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    /// <summary>Adds a message to a conversation locked by the caller's transaction; the caller saves.</summary>
    public ConversationMessage Append(Conversation conversation, string role, string text, Action<ConversationMessage>? fill = null)
    {
        var now = clock.GetUtcNow();
        conversation.MessageCount++;
        conversation.UpdatedAt = now;
        var message = new ConversationMessage
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversation.Id,
            Sequence = conversation.MessageCount,
            Role = role,
            Text = text,
            CreatedAt = now,
        };
        fill?.Invoke(message);
        db.ConversationMessages.Add(message);
        return message;
    }

    /// <summary>Locks, lets <paramref name="change"/> edit the conversation and append messages, saves, commits.</summary>
    public async Task<(Conversation? Conversation, T Result)> ChangeAsync<T>(
        Guid id, Func<Conversation, T> change, CancellationToken cancellationToken)
    {
        // One SaveChanges per transaction: EF's automatic savepoint around it would only cost two more round trips.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await ChangeInTransactionAsync(id, change, cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private async Task<(Conversation? Conversation, T Result)> ChangeInTransactionAsync<T>(
        Guid id, Func<Conversation, T> change, CancellationToken cancellationToken)
    {
        var outcome = await db.InTransactionAsync(async ct =>
        {
            var conversation = await LockAsync(id, ct);
            if (conversation is null)
            {
                return ((Conversation?)null, default(T)!);
            }

            var result = change(conversation);
            await db.SaveChangesAsync(ct);
            return ((Conversation?)conversation, result);
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return outcome;
    }

    public async Task<List<ConversationMessage>> RecentAsync(Guid id, int count, CancellationToken cancellationToken)
    {
        var recent = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == id)
            .OrderByDescending(m => m.Sequence)
            .Take(count)
            .ToListAsync(cancellationToken);
        recent.Reverse();
        return recent;
    }

    public async Task<List<ConversationMessage>> AllAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == id).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
}
