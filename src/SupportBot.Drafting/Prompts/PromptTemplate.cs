using System.Text.RegularExpressions;

namespace SupportBot.Drafting.Prompts;

/// <summary>
/// Fills {{placeholders}} in a prompt template. Deliberately tiny: prompts only need a handful of
/// values, and an unknown placeholder is left visible instead of failing a live draft.
/// </summary>
public static partial class PromptTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(template, match =>
            values.TryGetValue(match.Groups[1].Value, out var value) ? value ?? "" : match.Value);

    public static IReadOnlyList<string> PlaceholdersIn(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
