using Microsoft.Extensions.Options;
using SupportBot.Drafting.Models;

namespace SupportBot.Models.Shadow;

/// <summary>Checked at start (ValidateOnStart): a misspelt candidate or a rate outside 0..1 stops the worker with one clear line.</summary>
public sealed class ShadowOptionsValidator(IOptions<ModelsOptions> models) : IValidateOptions<ShadowOptions>
{
    public ValidateOptionsResult Validate(string? name, ShadowOptions options)
    {
        var errors = new List<string>();
        if (options.Enabled)
        {
            var known = models.Value.Candidates.Keys.Append(ModelsOptions.DefaultName).Distinct().Order(StringComparer.Ordinal).ToList();
            if (!known.Contains(options.Candidate!.Trim(), StringComparer.Ordinal))
            {
                errors.Add($"{ShadowOptions.Section}:Candidate '{options.Candidate}' is not a model configuration; configured: {string.Join(", ", known)} (Models:Candidates:<name>).");
            }
        }

        if (double.IsNaN(options.SampleRate) || options.SampleRate is < 0 or > 1)
        {
            errors.Add($"{ShadowOptions.Section}:SampleRate must be between 0 and 1 (got {options.SampleRate}).");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.LeaseTime <= TimeSpan.Zero || options.RetryDelay < TimeSpan.Zero || options.Lookback <= TimeSpan.Zero)
        {
            errors.Add($"{ShadowOptions.Section}: PollInterval, LeaseTime and Lookback must be positive, RetryDelay not negative.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            errors.Add($"{ShadowOptions.Section}:BatchSize must be between 1 and 1000 (got {options.BatchSize}).");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            errors.Add($"{ShadowOptions.Section}:MaxAttempts must be between 1 and 100 (got {options.MaxAttempts}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
