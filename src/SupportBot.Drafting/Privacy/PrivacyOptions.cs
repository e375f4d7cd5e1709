namespace SupportBot.Drafting.Privacy;

/// <summary>
/// Configuration section Drafting:Privacy: what in a historical reply is the company's, not a
/// customer's, and may be reused. Everything else that looks like a person's identity is removed
/// (<see cref="IdentityScrubber"/>).
/// </summary>
public sealed class PrivacyOptions
{
    /// <summary>The company's e-mail domains ("tasklane.example"); the help center's host is always one.</summary>
    public List<string> PublicDomains { get; set; } = [];

    /// <summary>The company's own handles ("@TasklaneHelp"), which replies may tell customers to write to.</summary>
    public List<string> PublicHandles { get; set; } = [];

    /// <summary>Hosts of the help articles in the draft's context: their e-mail addresses are the company's.</summary>
    public IReadOnlyCollection<string> ContextHosts { get; private init; } = [];

    public PrivacyOptions WithContextHosts(IEnumerable<string> hosts) =>
        new() { PublicDomains = PublicDomains, PublicHandles = PublicHandles, ContextHosts = [.. hosts] };
}
