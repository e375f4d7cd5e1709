using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Monitors.Judge;

/// <summary>
/// The judge's hard daily budget, shared by every worker through Redis (keys per UTC day, expiring after two days):
/// a call is taken with INCR before it is made, so concurrent workers can never overspend the call budget; tokens are
/// added after each answer (as the provider reports them), so the token cap stops the next call once it is reached.
/// </summary>
public sealed class JudgeBudget(IConnectionMultiplexer redis, TimeProvider clock, IOptions<MonitorOptions> options)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(2);

    /// <summary>Null when a call may be made now; else why not ("daily_calls", "daily_tokens").</summary>
    public async Task<string?> TryTakeCallAsync()
    {
        var judge = options.Value.Judge;
        var db = redis.GetDatabase();
        var (calls, tokens) = Keys();
        if (judge.DailyTokenBudget > 0 && (long?)await db.StringGetAsync(tokens) is { } used && used >= judge.DailyTokenBudget)
        {
            return "daily_tokens";
        }

        var taken = await db.StringIncrementAsync(calls);
        if (taken == 1)
        {
            await db.KeyExpireAsync(calls, KeyLifetime);
        }

        return taken > judge.DailyCallBudget ? "daily_calls" : null;
    }

    public async Task AddTokensAsync(long count)
    {
        if (count <= 0)
        {
            return;
        }

        var db = redis.GetDatabase();
        var (_, tokens) = Keys();
        if (await db.StringIncrementAsync(tokens, count) == count)
        {
            await db.KeyExpireAsync(tokens, KeyLifetime);
        }
    }

    /// <summary>Calls and tokens spent today (UTC).</summary>
    public async Task<(long Calls, long Tokens)> SpentTodayAsync()
    {
        var db = redis.GetDatabase();
        var (calls, tokens) = Keys();
        return ((long?)await db.StringGetAsync(calls) ?? 0, (long?)await db.StringGetAsync(tokens) ?? 0);
    }

    private (string Calls, string Tokens) Keys()
    {
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var prefix = $"{options.Value.Judge.BudgetKeyPrefix}:{day}";
        return ($"{prefix}:calls", $"{prefix}:tokens");
    }
}
