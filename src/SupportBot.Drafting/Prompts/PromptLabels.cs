namespace SupportBot.Drafting.Prompts;

public static class PromptLabels
{
    /// <summary>What live drafting uses unless told otherwise.</summary>
    public const string Production = "production";
    public const string Candidate = "candidate";

    /// <summary>The prompt the drafting pipeline uses by default.</summary>
    public const string DefaultPromptName = "support-reply";
}
