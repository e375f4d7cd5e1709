using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SupportBot.Monitors;

/// <summary>Checks "Monitors" at start (ValidateOnStart): every pattern compiles, thresholds and sizes make sense, a judge is complete.</summary>
public sealed class MonitorOptionsValidator : IValidateOptions<MonitorOptions>
{
    public static IReadOnlyList<string> CommitmentKinds { get; } = ["refund", "credit", "price", "compensation", "guarantee", "deadline", "legal"];

    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StreamName) || string.IsNullOrWhiteSpace(options.GroupName))
        {
            errors.Add("Monitors:StreamName and Monitors:GroupName must be set.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add($"Monitors:BatchSize must be 1..10000 (got {options.BatchSize}).");
        }

        if (options.Parallelism is < 1 or > 256)
        {
            errors.Add($"Monitors:Parallelism must be 1..256 (got {options.Parallelism}).");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add("Monitors:MaxAttempts must be at least 1.");
        }

        if (options.PolicySupportThreshold is <= 0 or > 1)
        {
            errors.Add($"Monitors:PolicySupportThreshold must be in (0, 1] (got {options.PolicySupportThreshold}).");
        }

        foreach (var (monitor, threshold) in options.SimilarityThresholds)
        {
            if (!Contracts.MonitorNames.Embedded.Contains(monitor))
            {
                errors.Add($"Monitors:SimilarityThresholds:{monitor}: unknown monitor; use one of {string.Join(", ", Contracts.MonitorNames.Embedded)}.");
            }
            else if (threshold is <= 0 or > 1)
            {
                errors.Add($"Monitors:SimilarityThresholds:{monitor} must be in (0, 1] (got {threshold}).");
            }
        }

        foreach (var (index, pattern) in options.AccountIdPatterns.Index())
        {
            CheckRegex($"Monitors:AccountIdPatterns:{index}", pattern, errors);
        }

        foreach (var (category, kinds) in options.AllowedCommitments)
        {
            foreach (var (kind, when) in kinds)
            {
                if (!CommitmentKinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"Monitors:AllowedCommitments:{category}:{kind}: unknown kind; use one of {string.Join(", ", CommitmentKinds)}.");
                }
                else if (!string.IsNullOrEmpty(when))
                {
                    CheckRegex($"Monitors:AllowedCommitments:{category}:{kind}", when, errors);
                }
            }
        }

        foreach (var prefix in options.AllowedUrlPrefixes)
        {
            if (!Uri.TryCreate(prefix, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"Monitors:AllowedUrlPrefixes: '{prefix}' is not an absolute http(s) URL.");
            }
        }

        var judge = options.Judge;
        if (judge.IsConfigured)
        {
            if (!Uri.TryCreate(judge.BaseUrl, UriKind.Absolute, out _))
            {
                errors.Add("Monitors:Judge:BaseUrl must be an absolute URL (e.g. http://localhost:11434/v1) when a judge is configured.");
            }

            if (string.IsNullOrWhiteSpace(judge.Model))
            {
                errors.Add("Monitors:Judge:Model must be set when a judge is configured.");
            }

            if (judge.DailyCallBudget < 1)
            {
                errors.Add("Monitors:Judge:DailyCallBudget must be at least 1: the judge always runs under a hard daily budget.");
            }

            if (judge.DailyTokenBudget < 0)
            {
                errors.Add("Monitors:Judge:DailyTokenBudget must not be negative (0 = calls only).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRegex(string key, string pattern, List<string> errors)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{key}: not a valid regex: {ex.Message}");
        }
    }
}
