using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Data.Scores;

/// <summary>
/// The scores the phase-3 monitors write on a sent reply's trace (source "monitor"): one categorical score per flag,
/// named after the monitor, its value the severity, its comment the flag as JSON (kind, reason, version, evidence span).
/// </summary>
public static class MonitorScoreDefinitions
{
    public static IReadOnlyList<ScoreDefinition> All { get; } =
        [.. MonitorNames.All.Select(name => new ScoreDefinition
        {
            Name = name,
            DataType = ScoreDataTypes.Categorical,
            Description = name == MonitorNames.MonitorError
                ? "A monitor threw on this reply (the comment names it); the other monitors still ran."
                : $"Monitor flag ({name}): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).",
            Categories = [.. FlagSeverities.All],
        })];
}
