using Microsoft.Extensions.Options;

namespace SupportBot.Signals.Gates;

/// <summary>
/// Checks the "Gates" section at startup (ValidateOnStart), so a typo such as MaxEditedShare = 30
/// stops the service with the key path instead of silently making every gate pass.
/// </summary>
public sealed class GateOptionsValidator : IValidateOptions<GateOptions>
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    public ValidateOptionsResult Validate(string? name, GateOptions options)
    {
        var errors = new List<string>();
        Check(errors, $"{GateOptions.Section}:Default", options.Default);
        foreach (var (category, overrides) in options.Categories)
        {
            Check(errors, $"{GateOptions.Section}:Categories:{category}", overrides.ApplyTo(options.Default));
        }

        if (options.GaugeRefreshInterval < TimeSpan.FromMilliseconds(100) || options.GaugeRefreshInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{GateOptions.Section}:GaugeRefreshInterval must be between 00:00:00.1 and 00:10:00 (was {options.GaugeRefreshInterval}).");
        }


        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string path, GateThresholds thresholds)
    {
        if (thresholds.Window < TimeSpan.FromHours(1) || thresholds.Window > MaxWindow)
        {
            errors.Add($"{path}:Window must be between 01:00:00 and 90.00:00:00 (was {thresholds.Window}).");
        }

        if (thresholds.MinimumSent < 1)
        {
            errors.Add($"{path}:MinimumSent must be at least 1 (was {thresholds.MinimumSent}).");
        }

        if (thresholds.MinimumFeedback < 0)
        {
            errors.Add($"{path}:MinimumFeedback must be 0 or more (was {thresholds.MinimumFeedback}).");
        }

        Share(errors, path, nameof(GateThresholds.MaxEditedShare), thresholds.MaxEditedShare);
        Share(errors, path, nameof(GateThresholds.MaxCorrectedShare), thresholds.MaxCorrectedShare);
        Share(errors, path, nameof(GateThresholds.MaxMeanEditDistance), thresholds.MaxMeanEditDistance);
        Share(errors, path, nameof(GateThresholds.MinThumbsUpShare), thresholds.MinThumbsUpShare);
    }

    private static void Share(List<string> errors, string path, string key, double value)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            errors.Add($"{path}:{key} must be between 0 and 1 (was {value}).");
        }
    }
}
