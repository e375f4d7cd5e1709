namespace SupportBot.Data.HelpCenter;

/// <summary>Where the help center's Markdown files are: <c>HelpCenter:ArticlesPath</c> (env <c>HelpCenter__ArticlesPath</c>).</summary>
public sealed class HelpCenterOptions
{
    public const string Section = "HelpCenter";
    public const string ArticlesPathVariable = "HelpCenter__ArticlesPath";

    public string? ArticlesPath { get; set; }

    /// <summary>The configured folder as an absolute path (relative ones against the current directory), or null when none is set.</summary>
    public static string? Resolve(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path.Trim());
}
