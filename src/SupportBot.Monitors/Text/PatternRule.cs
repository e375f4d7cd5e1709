using System.Text.RegularExpressions;

namespace SupportBot.Monitors.Text;

/// <summary>One regex of a monitor: what kind of problem a match is and how bad.</summary>
public sealed class PatternRule(string kind, string severity, string pattern, string reason, bool negatable = true)
{
    // Guards against a runaway pattern from configuration. Generous: it is wall-clock time, and at a load
    // of 20-30 on 2 cores a 1 s limit timed out a linear-time match (its lazily built automaton) and
    // turned a check into a monitor_error.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);

    public string Kind { get; } = kind;
    public string Severity { get; } = severity;
    public string Reason { get; } = reason;

    /// <summary>A negation just before the match ("we don't offer refunds") cancels it.</summary>
    public bool Negatable { get; } = negatable;

    public Regex Pattern { get; } = Compile(pattern);

    /// <summary>
    /// Linear-time matching (NonBacktracking) wherever the pattern allows it: replies are untrusted input and the rules have
    /// several bounded gaps; patterns with lookarounds fall back to the backtracking engine with a timeout.
    /// </summary>
    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        }
    }

    /// <summary>Matches in the sentence that no negation cancels.</summary>
    public IEnumerable<Match> Find(Sentence sentence)
    {
        foreach (Match match in Pattern.Matches(sentence.Text))
        {
            // The negation may stand before the match or inside it, between subject and verb ("we don't refund").
            if (!Negatable || !(Negation.Before(sentence.Text, match.Index) || Negation.Within(match.Value)))
            {
                yield return match;
            }
        }
    }
}
