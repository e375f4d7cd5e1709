namespace SupportBot.Data.Categories;

/// <summary>A category's pause switch while it is set: one row per paused category, deleted on resume.</summary>
public sealed class CategoryPause
{
    public required string Category { get; set; }
    public required string Reason { get; set; }
    public required string PausedBy { get; set; }

    /// <summary><see cref="PauseSources"/>: who pulled the switch.</summary>
    public required string Source { get; set; }

    public DateTimeOffset PausedAt { get; set; }
}

/// <summary>The audit log: every pause and resume, with who, why and from where.</summary>
public sealed class CategoryPauseChange
{
    public Guid Id { get; set; }
    public required string Category { get; set; }

    /// <summary>"pause" or "resume".</summary>
    public required string Action { get; set; }

    public required string Reason { get; set; }
    public required string Actor { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

public static class PauseSources
{
    /// <summary>A manager through the API.</summary>
    public const string Api = "api";

    /// <summary>A manager through the CLI (which calls the API, and says so).</summary>
    public const string Cli = "cli";

    /// <summary>The monitors tripped it on a flag spike.</summary>
    public const string Monitor = "monitor";

    public static IReadOnlyList<string> All { get; } = [Api, Cli, Monitor];
}

public static class PauseActions
{
    public const string Pause = "pause";
    public const string Resume = "resume";
}
