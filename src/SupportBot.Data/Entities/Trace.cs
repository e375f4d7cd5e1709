namespace SupportBot.Data.Entities;

/// <summary>
/// One unit of agent work (drafting a ticket), stored like a Langfuse trace. The id is the
/// OpenTelemetry trace id, so the same trace can be found in any OTLP backend.
/// </summary>
public sealed class Trace
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public Guid? TicketId { get; set; }
    public Guid? DraftId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public double DurationMs { get; set; }

    /// <summary>JSON: prompt, model, category and other facts about the whole trace.</summary>
    public required string Metadata { get; set; }
}

/// <summary>A step of a trace: classification, retrieval or generation, with its input and output as JSON.</summary>
public sealed class Observation
{
    public Guid Id { get; set; }
    public required string TraceId { get; set; }
    public required string SpanId { get; set; }
    public required string Type { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public double DurationMs { get; set; }
    public required string Input { get; set; }
    public required string Output { get; set; }
    public required string Metadata { get; set; }
}

public static class ObservationTypes
{
    public const string Classification = "classification";
    public const string Retrieval = "retrieval";
    public const string Generation = "generation";

    /// <summary>A caller's check between retrieval and generation that may hand off (the conversations' answer gate).</summary>
    public const string Guard = "guard";
}
