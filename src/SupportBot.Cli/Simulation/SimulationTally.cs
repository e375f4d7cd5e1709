using System.Collections.Concurrent;
using System.Globalization;

namespace SupportBot.Cli.Simulation;

/// <summary>What the simulator has done so far, counted from concurrent flows.</summary>
public sealed class SimulationTally
{
    private readonly ConcurrentDictionary<string, CategoryTally> _categories = new(StringComparer.Ordinal);
    private int _tickets;
    private int _failures;
    private volatile string? _lastError;

    public int Tickets => _tickets;
    public int Failures => _failures;
    public string? LastError => _lastError;
    public IReadOnlyDictionary<string, CategoryTally> Categories => _categories;

    public int Sent => _categories.Values.Sum(c => c.Sent);
    public int ThumbsUp => _categories.Values.Sum(c => c.ThumbsUp);
    public int ThumbsDown => _categories.Values.Sum(c => c.ThumbsDown);

    public void RecordTicket() => Interlocked.Increment(ref _tickets);

    public void RecordSent(string category, ReplyKind kind) => _categories.GetOrAdd(category, _ => new CategoryTally()).Add(kind);

    public void RecordThumb(string category, bool up) => _categories.GetOrAdd(category, _ => new CategoryTally()).AddThumb(up);

    public void RecordFailure(string error)
    {
        Interlocked.Increment(ref _failures);
        _lastError = error;
    }

    public string ProgressLine(TimeSpan elapsed)
    {
        var kinds = _categories.Values.Aggregate((Unchanged: 0, Light: 0, Rewritten: 0), (a, c) => (a.Unchanged + c.Unchanged, a.Light + c.LightEdit, a.Rewritten + c.Rewrite));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"simulate {elapsed:hh\\:mm\\:ss}  tickets {Tickets}  sent {Sent} (unchanged {kinds.Unchanged}, light edit {kinds.Light}, rewritten {kinds.Rewritten})  thumbs {ThumbsUp} up / {ThumbsDown} down  errors {Failures}");
        return LastError is null ? line : $"{line}  last error: {LastError}";
    }
}

public sealed class CategoryTally
{
    private int _unchanged;
    private int _lightEdit;
    private int _rewrite;
    private int _thumbsUp;
    private int _thumbsDown;

    public int Unchanged => _unchanged;
    public int LightEdit => _lightEdit;
    public int Rewrite => _rewrite;
    public int Sent => _unchanged + _lightEdit + _rewrite;
    public int ThumbsUp => _thumbsUp;
    public int ThumbsDown => _thumbsDown;

    internal void Add(ReplyKind kind)
    {
        switch (kind)
        {
            case ReplyKind.Unchanged:
                Interlocked.Increment(ref _unchanged);
                break;
            case ReplyKind.LightEdit:
                Interlocked.Increment(ref _lightEdit);
                break;
            default:
                Interlocked.Increment(ref _rewrite);
                break;
        }
    }

    internal void AddThumb(bool up) => Interlocked.Increment(ref up ? ref _thumbsUp : ref _thumbsDown);
}
