using System.Text.RegularExpressions;

namespace SupportBot.Monitors.Text;

/// <summary>
/// "We can't refund monthly plans" is not a refund promise: a negation shortly before a match (same clause, up to four
/// words back) cancels it. "No worries, I've refunded it" is still a refund: a comma, semicolon or dash ends the
/// clause, and the stock phrases "no problem", "no worries", "don't worry" are not negations. English, German, French
/// and Spanish, the demo's languages.
/// </summary>
public static partial class Negation
{
    public static bool Before(string sentence, int matchIndex)
    {
        var window = sentence[..Math.Clamp(matchIndex, 0, sentence.Length)];
        var clauseStart = window.LastIndexOfAny([',', ';', ':', '—', '–', '(']);
        window = StockPhrases().Replace(clauseStart >= 0 ? window[(clauseStart + 1)..] : window, " ");
        var words = Words().Matches(window);
        var tail = string.Join(' ', words.Skip(Math.Max(0, words.Count - 4)).Select(m => m.Value));
        return Negators().IsMatch(tail);
    }

    /// <summary>A negation inside a match, between its subject and its verb ("I'm not able to waive the fee"); stock phrases and "at no charge" do not count.</summary>
    public static bool Within(string match) => Negators().IsMatch(StockPhrases().Replace(match, " "));

    [GeneratedRegex(@"[\p{L}']+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"\b(?:no (?:problem|worries|question)s?|don'?t worry|not at all|(?:at )?no (?:extra |additional )?(?:cost|charge)|sin (?:coste|costo|cargo))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StockPhrases();

    [GeneratedRegex(@"\b(not|no|never|cannot|can't|cant|won't|don't|doesn't|isn't|aren't|wasn't|unable|nicht|kein\w*|nie|pas|jamais|aucun\w*|ne|n'|nunca|ningún|ninguna|sin)\b|n't\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negators();
}
