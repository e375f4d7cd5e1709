using System.Diagnostics;
using System.Text.Json;
using SupportBot.Data.Entities;

namespace SupportBot.Drafting.Tracing;

/// <summary>
/// Collects the steps of one trace as observations, each also an OpenTelemetry span with the same
/// trace and span ids, so the stored trace and the exported one line up.
/// </summary>
public sealed class TraceRecorder(TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<Observation> _observations = [];

    public string TraceId { get; private set; } = ActivityTraceId.CreateRandom().ToHexString();
    public IReadOnlyList<Observation> Observations => _observations;

    /// <summary>Adopts the trace id of the root span, when OpenTelemetry is listening.</summary>
    public void Attach(Activity? root)
    {
        if (root is not null)
        {
            TraceId = root.TraceId.ToHexString();
        }
    }

    public async Task<T> StepAsync<T>(
        string type, string name, object input, Func<Task<T>> run, Func<T, object> output, Func<T, object>? metadata = null)
    {
        using var activity = DraftingTelemetry.Source.StartActivity(name);
        activity?.SetTag("supportbot.observation.type", type);
        var started = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var result = await run();
        stopwatch.Stop();
        _observations.Add(new Observation
        {
            Id = Guid.CreateVersion7(),
            TraceId = TraceId,
            SpanId = activity?.SpanId.ToHexString() ?? ActivitySpanId.CreateRandom().ToHexString(),
            Type = type,
            Name = name,
            StartedAt = started,
            DurationMs = stopwatch.Elapsed.TotalMilliseconds,
            Input = JsonSerializer.Serialize(input, Json),
            Output = JsonSerializer.Serialize(output(result), Json),
            Metadata = JsonSerializer.Serialize(metadata?.Invoke(result) ?? new { }, Json),
        });
        return result;
    }
}
