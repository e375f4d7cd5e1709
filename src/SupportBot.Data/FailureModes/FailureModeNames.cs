using System.Text.RegularExpressions;

namespace SupportBot.Data.FailureModes;

/// <summary>Failure-mode names are slugs, so "Cites outdated article" and "cites-outdated-article" are one mode.</summary>
public static partial class FailureModeNames
{
    /// <summary>What to tell a reviewer whose name leaves no slug (API field error and CLI line alike).</summary>
    public static readonly string Rule = $"short name (letters, digits, spaces or hyphens; at most {TextLimits.FailureModeName} characters)";

    /// <summary>The slug for what a reviewer typed, or null when nothing usable is left (the caller reports the field).</summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var slug = NotSlug().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length is 0 or > TextLimits.FailureModeName ? null : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
