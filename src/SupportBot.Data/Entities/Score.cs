namespace SupportBot.Data.Entities;

/// <summary>
/// A typed value attached to a trace, as in Langfuse: an evaluator's grade on an experiment item,
/// or a signal from the support team (edit distance, edit type, thumbs) on a live draft.
/// </summary>
public sealed class Score
{
    public Guid Id { get; set; }
    public required string TraceId { get; set; }

    /// <summary>Names a <see cref="ScoreDefinition"/>; the definition's type decides which value column is set.</summary>
    public required string Name { get; set; }

    public required string DataType { get; set; }

    /// <summary>Numeric scores, and booleans as 0/1 so they average into shares.</summary>
    public double? NumericValue { get; set; }

    /// <summary>Categorical scores ("corrected"), and "true"/"false" for booleans.</summary>
    public string? StringValue { get; set; }

    public string? Comment { get; set; }

    /// <summary>Who produced it: <see cref="ScoreSources"/>.</summary>
    public required string Source { get; set; }

    /// <summary>
    /// Unique when set: the producer's key for this write (event id + score name), so a redelivered
    /// event or a resumed experiment item never writes a score twice.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The experiment run the score was graded in, for evaluator scores.</summary>
    public Guid? ExperimentRunId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a score name means and which values it may take.</summary>
public sealed class ScoreDefinition
{
    public required string Name { get; set; }
    public required string DataType { get; set; }
    public required string Description { get; set; }
    public double? MinValue { get; set; }
    public double? MaxValue { get; set; }

    /// <summary>The allowed values of a categorical score.</summary>
    public string[]? Categories { get; set; }
}

public static class ScoreDataTypes
{
    public const string Numeric = "numeric";
    public const string Boolean = "boolean";
    public const string Categorical = "categorical";
}

public static class ScoreSources
{
    public const string Signal = "signal";
    public const string Human = "human";
    public const string Evaluator = "evaluator";
    public const string Monitor = "monitor";
}
