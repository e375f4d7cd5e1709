namespace SupportBot.Api.Input;

/// <summary>
/// Request body limits (docs/api.md "Limits"): above them the API answers 413 ProblemDetails
/// before reading further. The default fits the largest single text field (a 64 Ki-character
/// ticket body or sent reply, JSON-escaped) many times over; the batch import is bigger.
/// </summary>
public static class RequestLimits
{
    public const long DefaultBodyBytes = 1024 * 1024;

    /// <summary>1,000 tickets of a few KiB each; bigger backfills go through the CLI, which streams a file.</summary>
    public const long ImportBodyBytes = 32L * 1024 * 1024;
}
