using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Contracts;

namespace SupportBot.Monitors.Checking;

/// <summary>
/// The worker's consumer of the sent-reply stream (consumer group, like the signal consumer): reads a batch, checks the
/// replies in parallel with <see cref="MonitorSuite"/>, writes all flags in one transaction (<see cref="FlagWriter"/>)
/// and only then acknowledges — at least once, and idempotent per (reply, monitor), so a crash redelivers and the
/// repeat writes nothing. On start it first takes its own pending entries; entries idle longer than
/// <see cref="MonitorOptions.ClaimIdleTime"/> (a dead consumer's, a failed write's) are claimed again. Nothing stops the
/// loop: Redis or Postgres away, or a bug, is logged and retried; a monitor that throws is a monitor_error flag.
/// </summary>
public sealed partial class MonitorConsumer(
    IConnectionMultiplexer redis,
    MonitorSuite suite,
    FlagWriter writer,
    MonitorMetrics metrics,
    TimeProvider clock,
    IOptions<MonitorOptions> options,
    ILogger<MonitorConsumer> logger) : BackgroundService
{
    private readonly MonitorOptions _options = options.Value;
    private IDatabase Db => redis.GetDatabase();

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
            catch (Exception ex)
            {
                // Nothing was acknowledged, so nothing is lost: start over from the pending list.
                LogPaused(logger, ex.GetType().Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await Db.StreamCreateConsumerGroupAsync(_options.StreamName, _options.GroupName, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    private async Task DrainOwnPendingAsync(CancellationToken cancellationToken)
    {
        RedisValue after = "0";
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = await Db.StreamReadGroupAsync(_options.StreamName, _options.GroupName, _options.EffectiveConsumerName, after, _options.BatchSize);
            if (entries.Length == 0)
            {
                return;
            }

            await HandleAsync(entries, cancellationToken);
            after = entries[^1].Id;
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var nextClaim = clock.GetUtcNow();
        RedisValue cursor = "0-0";
        while (!cancellationToken.IsCancellationRequested)
        {
            if (clock.GetUtcNow() >= nextClaim)
            {
                var claimed = await Db.StreamAutoClaimAsync(_options.StreamName, _options.GroupName, _options.EffectiveConsumerName,
                    (long)_options.ClaimIdleTime.TotalMilliseconds, cursor, _options.BatchSize);
                var live = claimed.ClaimedEntries.Where(e => !e.IsNull).ToArray();
                if (live.Length > 0)
                {
                    await HandleAsync(live, cancellationToken);
                }

                cursor = claimed.NextStartId;
                if (cursor == "0-0")
                {
                    nextClaim = clock.GetUtcNow() + TimeSpan.FromTicks(Math.Max(_options.ClaimIdleTime.Ticks / 2, TimeSpan.FromMilliseconds(100).Ticks));
                }
            }

            var entries = await Db.StreamReadGroupAsync(_options.StreamName, _options.GroupName, _options.EffectiveConsumerName, StreamPosition.NewMessages, _options.BatchSize);
            if (entries.Length == 0)
            {
                await Task.Delay(_options.PollInterval, cancellationToken);
                continue;
            }

            await HandleAsync(entries, cancellationToken);
        }
    }

    private async Task HandleAsync(StreamEntry[] entries, CancellationToken cancellationToken)
    {
        var unusable = new List<RedisValue>();
        var replies = new List<(string EntryId, SentReply Reply)>(entries.Length);
        foreach (var entry in entries)
        {
            if (SentReplyJson.TryParse(entry[SentReplyJson.Field]) is { } reply)
            {
                replies.Add((entry.Id!, reply));
            }
            else
            {
                unusable.Add(entry.Id);
                LogUnusable(logger, entry.Id!);
            }
        }

        var checkedEntries = new CheckedEntry[replies.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, replies.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (i, token) => checkedEntries[i] = new CheckedEntry(replies[i].EntryId, replies[i].Reply, await suite.CheckAsync(ReplyToCheck.From(replies[i].Reply), token)));

        var fresh = await writer.WriteAsync(checkedEntries, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var entry in checkedEntries.Where(e => fresh.Contains(e.Reply.ReplyId)).DistinctBy(e => e.Reply.ReplyId))
        {
            metrics.Checked(FlagWriter.CategoryOf(entry.Reply), entry.Result.Flags.Select(f => (f.Monitor, f.Severity)), now - entry.Reply.SentAt);
        }

        await Db.StreamAcknowledgeAsync(_options.StreamName, _options.GroupName, [.. checkedEntries.Select(e => (RedisValue)e.EntryId), .. unusable]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor consumer paused ({Error}: {Message}); retrying from the pending list")]
    private static partial void LogPaused(ILogger logger, string error, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sent-reply entry {EntryId} is not a sent reply; acknowledged without checking")]
    private static partial void LogUnusable(ILogger logger, string entryId);
}
