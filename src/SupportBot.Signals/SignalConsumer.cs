using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Signals;

/// <summary>
/// The worker's consumer of the signal stream (docs/signals.md). At-least-once: an entry is
/// acknowledged only after its transaction committed, so a crash redelivers it and the idempotent
/// writer makes the repeat a no-op. Order of work:
/// 1. on start, this consumer's own pending entries (what it read but never acknowledged);
/// 2. then, in a loop, entries idle longer than <see cref="SignalOptions.ClaimIdleTime"/> from any
///    consumer (XAUTOCLAIM: failed attempts and dead consumers), and new entries (XREADGROUP &gt;).
/// An entry that fails for a reason of its own is left pending and re-read by this consumer after
/// <see cref="SignalOptions.RetryDelay"/> (other consumers' entries wait for the idle time); on its
/// <see cref="SignalOptions.MaxAttempts"/>-th delivery (XPENDING's count) it moves to the
/// dead-letter stream with its error, giving back a `sent` event's draft marker.
/// </summary>
public sealed class SignalConsumer(
    IConnectionMultiplexer redis,
    SignalBatchWriter writer,
    DeadLetters deadLetters,
    SignalMetrics metrics,
    SentDraftReplies sentDrafts,
    TimeProvider clock,
    IOptions<SignalOptions> options,
    ILogger<SignalConsumer> logger) : BackgroundService
{
    private readonly SignalOptions _options = options.Value;
    private string Consumer => _options.EffectiveConsumerName;
    private IDatabase Db => redis.GetDatabase();

    /// <summary>When this consumer re-reads its own failed entries; null while none wait.</summary>
    private DateTimeOffset? _retryOwnAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureGroupAsync();
                await DrainOwnPendingAsync(stoppingToken);
                await ConsumeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TransientSignalException or TimeoutException or Npgsql.NpgsqlException)
            {
                // Redis or Postgres is away: nothing is acknowledged, so nothing is lost. Start over
                // from the pending list once they are back.
                logger.LogWarning("Signal consumer paused: {Error}", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug must not stop the worker host (BackgroundService's default): log it and start over.
                logger.LogError(ex, "Signal consumer failed; restarting in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            // From the beginning: events accepted before the first worker ever started are processed too.
            await Db.StreamCreateConsumerGroupAsync(_options.StreamName, _options.GroupName, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Exists already: normal after the first start.
        }
    }

    private async Task DrainOwnPendingAsync(CancellationToken cancellationToken)
    {
        RedisValue after = "0";
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = await Db.StreamReadGroupAsync(_options.StreamName, _options.GroupName, Consumer, after, _options.BatchSize);
            if (entries.Length == 0)
            {
                return;
            }

            logger.LogInformation("Processing {Count} pending signal(s) of this consumer (a restart or a retry)", entries.Length);
            await HandleAsync(entries, fresh: false, cancellationToken);
            after = entries[^1].Id;
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var nextClaim = clock.GetUtcNow();
        RedisValue claimCursor = "0-0";
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_retryOwnAt is { } retryAt && clock.GetUtcNow() >= retryAt)
            {
                _retryOwnAt = null;
                await DrainOwnPendingAsync(cancellationToken);
            }

            if (clock.GetUtcNow() >= nextClaim)
            {
                var claimed = await Db.StreamAutoClaimAsync(
                    _options.StreamName, _options.GroupName, Consumer, (long)_options.ClaimIdleTime.TotalMilliseconds, claimCursor, _options.BatchSize);
                var live = claimed.ClaimedEntries.Where(e => !e.IsNull).ToArray();
                if (live.Length > 0)
                {
                    await HandleAsync(live, fresh: false, cancellationToken);
                }

                // "0-0" means the scan went round: wait a while before the next one.
                claimCursor = claimed.NextStartId;
                if (claimCursor == "0-0")
                {
                    nextClaim = clock.GetUtcNow() + TimeSpan.FromTicks(Math.Max(_options.ClaimIdleTime.Ticks / 2, TimeSpan.FromMilliseconds(100).Ticks));
                }
            }

            var entries = await Db.StreamReadGroupAsync(_options.StreamName, _options.GroupName, Consumer, StreamPosition.NewMessages, _options.BatchSize);
            if (entries.Length == 0)
            {
                await Task.Delay(_options.PollInterval, cancellationToken);
                continue;
            }

            await HandleAsync(entries, fresh: true, cancellationToken);
        }
    }

    private async Task HandleAsync(StreamEntry[] entries, bool fresh, CancellationToken cancellationToken)
    {
        var parsed = new List<SignalEntry>(entries.Length);
        var failures = new List<(StreamEntry Entry, SignalEvent? Event, string Error)>();
        foreach (var entry in entries)
        {
            try
            {
                var signal = SignalEvent.Parse(entry[SignalEvent.Field]);
                if (signal.UnstorableText() is { } unstorable)
                {
                    failures.Add((entry, signal, unstorable));
                }
                else
                {
                    parsed.Add(new SignalEntry(entry.Id!, signal));
                }
            }
            catch (MalformedSignalException ex)
            {
                failures.Add((entry, null, ex.Message));
            }
        }

        var results = await writer.WriteAsync(parsed, cancellationToken);
        var done = new List<RedisValue>(entries.Length);
        var now = clock.GetUtcNow();
        foreach (var result in results)
        {
            var signal = result.Entry.Event;
            switch (result.Kind)
            {
                case SignalResultKind.Processed:
                    done.Add(result.Entry.EntryId);
                    metrics.Event(signal.Type, SignalOutcomes.Processed);
                    metrics.Lag(now - signal.AcceptedAt);
                    if (result.Edit is { } edit)
                    {
                        metrics.Sent(result.Draft!.Category, edit.EditType, edit.WordDistance);
                    }
                    else
                    {
                        metrics.Feedback(result.Draft!.Category, signal.Thumb!);
                    }

                    break;
                case SignalResultKind.Duplicate:
                    done.Add(result.Entry.EntryId);
                    metrics.Event(signal.Type, SignalOutcomes.Duplicate);
                    break;
                default:
                    failures.Add((entries.First(e => e.Id == result.Entry.EntryId), signal, result.Error ?? "unknown error"));
                    break;
            }
        }

        // Before the acknowledgement: a crash in between redelivers the entry as a duplicate, so the window for an
        // unchecked sent draft is only this one XADD (docs/monitors.md).
        await sentDrafts.PublishAsync([.. results.Where(r => r.Kind == SignalResultKind.Processed && r.Edit is not null)], cancellationToken);

        if (done.Count > 0)
        {
            await Db.StreamAcknowledgeAsync(_options.StreamName, _options.GroupName, [.. done]);
        }

        if (failures.Count > 0)
        {
            await FailAsync(failures, fresh, now);
        }
    }

    private async Task FailAsync(List<(StreamEntry Entry, SignalEvent? Event, string Error)> failures, bool fresh, DateTimeOffset now)
    {
        var attempts = fresh ? [] : await DeliveryCountsAsync([.. failures.Select(f => f.Entry.Id)]);
        foreach (var (entry, signal, error) in failures)
        {
            var type = signal?.Type ?? "unknown";
            var attempt = attempts.GetValueOrDefault(entry.Id.ToString(), 1);
            if (attempt >= _options.MaxAttempts)
            {
                await deadLetters.MoveAsync(entry, signal, error, attempt, now);
                metrics.Event(type, SignalOutcomes.DeadLettered);
                logger.LogError("Signal {EntryId} dead-lettered after {Attempts} attempts: {Error}", entry.Id, attempt, error);
            }
            else
            {
                metrics.Event(type, SignalOutcomes.Failed);
                _retryOwnAt ??= now + _options.RetryDelay;
                logger.LogWarning("Signal {EntryId} failed (attempt {Attempt} of {Max}), retried in {Delay}: {Error}",
                    entry.Id, attempt, _options.MaxAttempts, _options.RetryDelay, error);
            }
        }
    }

    /// <summary>XPENDING's delivery counter: how often each entry has been handed to a consumer.</summary>
    private async Task<Dictionary<string, int>> DeliveryCountsAsync(RedisValue[] ids)
    {
        var counts = new Dictionary<string, int>();
        foreach (var id in ids)
        {
            var pending = await Db.StreamPendingMessagesAsync(_options.StreamName, _options.GroupName, 1, Consumer, id, id);
            if (pending.Length == 1)
            {
                counts[id.ToString()] = pending[0].DeliveryCount;
            }
        }

        return counts;
    }
}
