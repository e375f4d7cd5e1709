using System.Collections.Concurrent;
using System.Diagnostics;

namespace SupportBot.Benchmarks;

/// <summary>
/// Where the time of an operation goes: listens to every ActivitySource (the pipeline's steps, the embedding
/// generator, Npgsql commands, Redis) and sums the wall time per span name. On only with SUPPORTBOT_BENCH_PROFILE=1,
/// because recording every span costs a little itself. Spans overlap (a step contains its commands), so the rows
/// do not add up to the total; they say which parts are large.
/// </summary>
public sealed class ActivityProfile : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (long Count, double TotalMs)> _spans = new();

    private ActivityProfile()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _spans.AddOrUpdate(Key(activity), (1, activity.Duration.TotalMilliseconds),
                (_, s) => (s.Count + 1, s.TotalMs + activity.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public static ActivityProfile? StartIfRequested() =>
        Environment.GetEnvironmentVariable("SUPPORTBOT_BENCH_PROFILE") == "1" ? new ActivityProfile() : null;

    public void Reset() => _spans.Clear();

    /// <summary>Per span name: calls per operation and milliseconds per operation.</summary>
    public void Print(long operations)
    {
        Console.WriteLine($"// profile over {operations} operations (ms per operation, calls per operation):");
        foreach (var (name, (count, total)) in _spans.OrderByDescending(s => s.Value.TotalMs).Take(40))
        {
            Console.WriteLine($"//   {total / operations,8:0.00} ms  {(double)count / operations,6:0.00}x  {name}");
        }
    }

    public void Dispose() => _listener.Dispose();

    private static string Key(Activity activity)
    {
        var statement = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement");
        var name = statement is string sql ? Squash(sql) : activity.DisplayName;
        return $"{activity.Source.Name}: {name}";
    }

    private static string Squash(string sql)
    {
        var oneLine = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 110 ? oneLine : oneLine[..110] + "…";
    }
}
