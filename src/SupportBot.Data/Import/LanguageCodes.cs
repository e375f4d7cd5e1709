using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SupportBot.Data.Import;

/// <summary>
/// The one rule for a ticket's language, for the tickets API and the importer alike: an ISO 639
/// code with an optional region or script ("en", "de", "pt-br", "zh-hant"), case-insensitive,
/// "_" read as "-" (exports write pt_BR). Stored lower-case.
/// </summary>
public static partial class LanguageCodes
{
    public const string Default = "en";

    public const string Rule = "an ISO 639 code such as 'en' or 'de', optionally with a region ('pt-BR')";

    /// <summary>Blank is the default language; anything else must follow the rule.</summary>
    public static bool TryNormalize(string? raw, [NotNullWhen(true)] out string? language)
    {
        var text = raw?.Trim();
        language = string.IsNullOrEmpty(text) ? Default : text.ToLowerInvariant().Replace('_', '-');
        if (language.Length > TextLimits.Language || !Shape().IsMatch(language))
        {
            language = null;
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})?$")]
    private static partial Regex Shape();
}
