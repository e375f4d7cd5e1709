using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Conversations.Chat;
using SupportBot.Data;
using SupportBot.Data.Conversations;

namespace SupportBot.Conversations.Signals;

/// <summary>
/// The abandon timer: a conversation whose last bot answer asked or offered something, and whose customer neither
/// wrote nor closed within <see cref="ConversationOptions.AbandonAfter"/>, is abandoned: the signal on that answer's
/// trace, a status message, and the flag on the conversation. One indexed scan of the waiting conversations per sweep.
/// </summary>
public sealed class AbandonSweep(SupportBotDbContext db, ConversationStore store, ImplicitSignals signals, ConversationEvents events, IOptions<ConversationOptions> options)
{
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.Value.AbandonAfter;
        var due = await db.Conversations.AsNoTracking()
            .Where(c => c.AwaitingCustomerSince != null && c.AwaitingCustomerSince < cutoff && c.Status == ConversationStatuses.Open)
            .OrderBy(c => c.AwaitingCustomerSince)
            .Select(c => c.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        var swept = 0;
        foreach (var id in due)
        {
            // Re-checked under the lock: the customer may have written since the scan.
            var (conversation, message) = await store.ChangeAsync(id, c =>
            {
                // AwaitingCustomerSince is set only by a bot answer that asked or offered something, and cleared by any later message.
                if (c.AwaitingCustomerSince is not { } since
                    || !SignalRules.IsAbandoned(lastIsBotAnswer: true, asksOrOffers: true, c.Status == ConversationStatuses.Closed, now - since, options.Value.AbandonAfter)
                    || c.Status != ConversationStatuses.Open)
                {
                    return null;
                }

                c.Abandoned = true;
                c.AwaitingCustomerSince = null;
                return store.Append(c, ConversationRoles.Status, "abandoned: no reply to the bot's question");
            }, cancellationToken);
            if (message is null)
            {
                continue;
            }

            swept++;
            await events.PublishAsync(id, ConversationViews.ToView(message));
            if (conversation!.LastBotTraceId is { } trace)
            {
                await signals.RecordAsync(trace, ConversationScoreDefinitions.Abandoned, true, conversation.Category,
                    $"no customer message within {options.Value.AbandonAfter}", cancellationToken);
            }
        }

        return swept;
    }
}

public sealed partial class AbandonSweeper(IServiceScopeFactory scopes, IOptions<ConversationOptions> options, TimeProvider clock, ILogger<AbandonSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AbandonSweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var swept = await scope.ServiceProvider.GetRequiredService<AbandonSweep>().SweepAsync(clock.GetUtcNow(), stoppingToken);
                if (swept > 0)
                {
                    LogSwept(logger, swept);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} conversation(s) abandoned after a bot question")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Abandon sweep failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
