namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// Configuration section "Evaluation:Judge": an OpenAI-compatible model that grades drafts against the
/// sent reply (and names dataset proposals). Unset BaseUrl or Model means no judge: the judge metric is
/// skipped and proposals are named from their top terms. ApiKey from the environment
/// (Evaluation__Judge__ApiKey) or user secrets, never from a checked-in file.
/// </summary>
public sealed class JudgeOptions
{
    public const string Section = "Evaluation:Judge";

    public string? BaseUrl { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(Model);
}
