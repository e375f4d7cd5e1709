using SupportBot.Contracts;

namespace SupportBot.Web.Traces;

/// <summary>A trace's scores in the groups the trace page shows them in.</summary>
public sealed record ScoreGroup(string Title, IReadOnlyList<ScoreView> Scores);

public static class TraceScores
{
    // The score names of the phase-2 signals (SupportBot.Data's SignalScoreDefinitions; Web has no Data reference).
    private static readonly HashSet<string> EditScores = new(StringComparer.Ordinal) { "edit_distance", "edit_distance_chars", "edit_type" };
    private const string ThumbsScore = "thumbs";

    /// <summary>The edit, the thumbs, the implicit signals, the monitors' flags, evaluators, the rest; empty groups left out.</summary>
    public static IReadOnlyList<ScoreGroup> Group(IReadOnlyList<ScoreView>? scores)
    {
        var all = scores ?? [];
        var groups = new (string Title, Func<ScoreView, bool> Match)[]
        {
            ("Edit (what the team changed before sending)", s => EditScores.Contains(s.Name)),
            ("Thumbs", s => s.Name == ThumbsScore),
            ("Monitor flags", s => s.Source == "monitor"),
            ("Implicit signals", s => s.Source == "signal"),
            ("Evaluators", s => s.Source == "evaluator"),
            ("Reviews and other scores", _ => true),
        };
        var left = all.ToList();
        var result = new List<ScoreGroup>();
        foreach (var (title, match) in groups)
        {
            var mine = left.Where(match).ToList();
            left.RemoveAll(mine.Contains);
            if (mine.Count > 0)
            {
                result.Add(new ScoreGroup(title, mine));
            }
        }

        return result;
    }

    /// <summary>A score's value as people read it: the category, yes/no, or the number.</summary>
    public static string Value(ScoreView score)
    {
        if (score.DataType == "boolean")
        {
            // Booleans arrive as 1/0 or as "true"/"false", depending on the writer.
            bool? yes = score.NumericValue is { } n ? n > 0 : bool.TryParse(score.StringValue, out var b) ? b : null;
            return yes switch
            {
                null => "–",
                _ when score.Name == ThumbsScore => yes.Value ? "👍 up" : "👎 down",
                _ => yes.Value ? "yes" : "no",
            };
        }

        return score switch
        {
            { StringValue: { Length: > 0 } text } => text,
            { NumericValue: { } number } => number.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            _ => "–",
        };
    }
}
