namespace SupportBot.Models;

/// <summary>One dataset version of a comparison and its two runs, as stored in model_comparisons.runs.</summary>
public sealed record ComparisonRun(Guid DatasetId, string Name, int Version, Guid BaselineRunId, Guid CandidateRunId);

/// <summary>Either the comparison started, or field errors saying why not (nothing was queued then).</summary>
public sealed record ComparisonStart(Data.Models.ModelComparison? Comparison, IReadOnlyDictionary<string, string[]> Errors);
