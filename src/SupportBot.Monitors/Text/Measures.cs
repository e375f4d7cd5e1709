using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportBot.Monitors.Text;

/// <summary>
/// One stated amount with what it counts, comparable across wordings: durations in minutes ("2 weeks" = "14 days"),
/// money, percentages, business days, or the thing counted ("25 boards", "3 active boards"); a rate keeps its time
/// base ("10 requests per hour" is not "10 concurrent requests"). A range ("1–3 business days") holds every value in it.
/// </summary>
/// <param name="Index">Where the number starts in the text.</param>
/// <param name="Number">The number as written, without separators.</param>
public sealed record Measure(int Index, string Number, double Low, double High, string Kind, IReadOnlySet<string> Nouns, bool Rate)
{
    /// <summary>The same kind of amount: the same unit, or — for counted things — a shared noun; and both rates or neither.</summary>
    public bool SameDimension(Measure other) =>
        Rate == other.Rate && Kind == other.Kind && (Kind != Measures.Counted || Nouns.Overlaps(other.Nouns));

    public bool Agrees(Measure other) => Low <= other.High + 1e-9 && other.Low <= High + 1e-9;
}

public static partial class Measures
{
    public const string Counted = "count";

    private static readonly HashSet<string> NotCounted = new(StringComparer.Ordinal)
    {
        "per", "and", "or", "to", "of", "the", "a", "an", "in", "on", "at", "for", "with", "from", "by", "is", "are", "was", "more", "less",
        "times", "time", "total", "each", "every", "other", "after", "before", "within", "than", "that", "which", "you", "your", "we", "our",
        "can", "will", "may", "must", "be", "it", "this", "if", "when", "so", "but", "as", "up", "or", "plus", "new", "only", "free", "paid",
    };

    public static IReadOnlyList<Measure> In(string text)
    {
        var measures = new List<Measure>();
        foreach (Match match in Amount().Matches(text))
        {
            var number = match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal);
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var low))
            {
                continue;
            }

            var high = double.TryParse(match.Groups["n2"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var to) && to > low ? to : low;
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            var rest = text[(match.Index + match.Length)..];
            var rate = RateBase().Match(rest);
            var perMinute = rate.Success ? Minutes(rate.Groups["base"].Value.ToLowerInvariant()) : 1;
            string kind;
            IReadOnlySet<string> nouns = new HashSet<string>();
            if (match.Groups["cur"].Success || Currency().IsMatch(rest))
            {
                kind = "money";
            }
            else if (unit is "%" or "percent")
            {
                kind = "percent";
            }
            else if (unit.StartsWith("business", StringComparison.Ordinal))
            {
                kind = "business day";
            }
            else if (unit.Length > 0)
            {
                kind = "time";
                var minutes = Minutes(unit);
                (low, high) = (low * minutes, high * minutes);
            }
            else
            {
                var words = new HashSet<string>(StringComparer.Ordinal);
                foreach (var group in new[] { "w1", "w2" })
                {
                    var word = match.Groups[group].Value.ToLowerInvariant();
                    if (word.Length > 2 && !NotCounted.Contains(word))
                    {
                        words.Add(Stem(word));
                    }
                }

                if (words.Count == 0)
                {
                    continue; // a bare number ("step 2", "30 and 7 days" handled by ClaimWords): nothing to compare
                }

                (kind, nouns) = (Counted, words);
            }

            measures.Add(new Measure(match.Groups["n"].Index, number, low / perMinute, high / perMinute, kind, nouns, rate.Success));
        }

        return measures;
    }

    private static double Minutes(string unit) => unit switch
    {
        _ when unit.StartsWith("min", StringComparison.Ordinal) => 1,
        _ when unit.StartsWith('h') => 60,
        _ when unit.StartsWith('d') => 1440,
        _ when unit.StartsWith('w') => 10080,
        _ when unit.StartsWith("mo", StringComparison.Ordinal) => 43200,
        _ when unit.StartsWith('y') => 525600,
        _ => 1,
    };

    private static string Stem(string word) =>
        word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.EndsWith("es", StringComparison.Ordinal) && word.Length > 4 && (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)) ? word[..^2]
        : word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    // A number, an optional range end, then a unit or up to two words naming what is counted. Not part of a version,
    // a decimal, a time of day or an identifier.
    [GeneratedRegex(@"(?<![\w.,:/#-])(?<cur>[$€£]\s?)?(?<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:[–—-]|to)\s*(?<n2>\d+))?(?![\d:.,]\d)(?:\s*-?\s*(?<unit>business days?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|%|percent)\b|(?:\s+(?!(?:per|a|an|each|every)\b)(?<w1>[A-Za-z]+)(?:\s+(?!(?:per|a|an|each|every)\b)(?<w2>[A-Za-z]+))?)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    // "… per hour", "… a month", "… every day", "/month": the amount is a rate on that base.
    [GeneratedRegex(@"^\s*(?:[A-Za-z]+\s+){0,2}?(?:per|a|an|each|every|/)\s*(?<base>minute|hour|day|week|month|year)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RateBase();

    [GeneratedRegex(@"^\s*(?:€|EUR|USD|dollars?|euros?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Currency();
}
