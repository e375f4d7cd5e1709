namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// Configuration section "Evaluation:Policy": regex rules for promises support may not make, and
/// per-category overrides. A rule fires when <see cref="PolicyRule.Pattern"/> matches the draft and
/// <see cref="PolicyRule.Unless"/> (if set) does not. Example override in appsettings:
/// <c>"Evaluation": { "Policy": { "Categories": { "billing": { "refund-promise": { "Unless": "14.day" } } } } }</c>;
/// <c>"Enabled": false</c> switches a rule off for a category. Patterns are .NET regexes, case-insensitive.
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Evaluation:Policy";

    public const string RefundPromise = "refund-promise";
    public const string CreditPromise = "credit-promise";
    public const string DeadlinePromise = "deadline-promise";
    public const string LegalCommitment = "legal-commitment";

    /// <summary>The rules every category starts with.</summary>
    public Dictionary<string, PolicyRule> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RefundPromise] = new()
        {
            Description = "promises or reports a refund",
            Pattern = @"\b(i|we)('ve|'ll| have| will| can| am going to)?\s+(\w+\s+){0,3}(refund\w*|reimburs\w*)|\bfull refund|\b(erstatt\w*|rembours\w*|reembols\w*)",
        },
        [CreditPromise] = new()
        {
            Description = "promises a credit, discount, waiver or free period",
            Pattern = @"\b(i|we)('ve|'ll| have| will| can)?\s+(\w+\s+){0,3}(credit\w*|waiv\w*|discount\w*)|\bfree (month|months|year|upgrade)\b|\bgutschrift|\bgutgeschrieben|\bcr[ée]dito",
        },
        [DeadlinePromise] = new()
        {
            Description = "promises when a fix or feature ships",
            Pattern = @"\b(will be|'ll be|is going to be)\s+(fixed|resolved|released|shipped|available|live)\b|\bguarantee\w*|\bgarant\w*|\b(i|we) promise|\bby (monday|tuesday|wednesday|thursday|friday|tomorrow|end of (the )?(day|week|month))\b|\bnext (week|release)\b",
        },
        [LegalCommitment] = new()
        {
            Description = "makes a legal or contractual commitment",
            Pattern = @"\b(liab\w*|compensat\w*|indemn\w*|legally|contractual\w*|breach|lawsuit|schadensersatz|haftung|dédommag\w*|indemniz\w*|sla credit)",
        },
    };

    /// <summary>
    /// Overrides by category, then rule name. The default lets billing talk about refunds and credits
    /// when the draft states the policy that allows them (the 14-day window for annual plans; prorated
    /// credit on the balance), as the team's own billing replies do.
    /// </summary>
    public Dictionary<string, Dictionary<string, PolicyRuleOverride>> Categories { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["billing"] = new(StringComparer.OrdinalIgnoreCase)
        {
            [RefundPromise] = new() { Unless = @"\b14\s*(-\s*)?(day|days|tage|tagen|jours|d[ií]as)\b" },
            [CreditPromise] = new() { Unless = @"prorat|anteilig|guthaben|balance|proportionn|prorrat" },
        },
    };
}

public sealed class PolicyRule
{
    public string Description { get; set; } = "";
    public string Pattern { get; set; } = "";
    public string? Unless { get; set; }
    public bool Enabled { get; set; } = true;
}

/// <summary>A category's change to one rule; unset fields keep the rule's value.</summary>
public sealed class PolicyRuleOverride
{
    public string? Pattern { get; set; }
    public string? Unless { get; set; }
    public bool? Enabled { get; set; }
}
