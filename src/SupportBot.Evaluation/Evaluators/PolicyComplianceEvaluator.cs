using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Options;
using SupportBot.Data.Scores;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// Policy compliance: the draft makes no promise outside policy — refunds, credits, fix dates, legal
/// or contractual commitments — by the regex rules of its category (<see cref="PolicyOptions"/>).
/// The item's category picks the rules (a draft for a billing item may report a refund that states
/// the 14-day window). How it can be wrong: regexes see words, not meaning — a promise phrased in
/// words no rule knows passes, a refund promised outside the window but mentioning "14 days" passes
/// in billing, and a sentence that quotes the customer ("you asked for a refund") can be flagged.
/// On the demo history 0 of 349 sent replies are flagged (docs/evaluators.md).
/// </summary>
public sealed class PolicyComplianceEvaluator(IOptions<PolicyOptions> options) : IEvaluator
{
    // Wall-clock: generous, because a busy machine must not turn a grade into an error; it only guards against runaway patterns from configuration.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, IReadOnlyList<CompiledRule>> _rulesByCategory = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [EvaluatorScoreDefinitions.PolicyCompliance];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var category = EvaluationContexts.Require<GradingCaseContext>(additionalContext).Case.Category ?? "";
        var violations = Violations(category, modelResponse.Text);
        var reason = violations.Count == 0
            ? "no promise outside policy found"
            : string.Join("; ", violations.Select(v => $"{v.Name}: {v.Description} (\"{v.Match}\")"));
        return ValueTask.FromResult(new EvaluationResult(Metrics.Boolean(EvaluatorScoreDefinitions.PolicyCompliance, violations.Count == 0, reason)));
    }

    public IReadOnlyList<PolicyViolation> Violations(string category, string? text)
    {
        var violations = new List<PolicyViolation>();
        if (string.IsNullOrEmpty(text))
        {
            return violations;
        }

        foreach (var rule in _rulesByCategory.GetOrAdd(category, Compile))
        {
            if (rule.Pattern.Match(text) is { Success: true } match && rule.Unless?.IsMatch(text) != true)
            {
                violations.Add(new PolicyViolation(rule.Name, rule.Description, match.Value));
            }
        }

        return violations;
    }

    private IReadOnlyList<CompiledRule> Compile(string category)
    {
        var overrides = options.Value.Categories.GetValueOrDefault(category);
        var rules = new List<CompiledRule>();
        foreach (var (name, rule) in options.Value.Rules)
        {
            var change = overrides?.GetValueOrDefault(name);
            if (!(change?.Enabled ?? rule.Enabled))
            {
                continue;
            }

            var unless = change?.Unless ?? rule.Unless;
            rules.Add(new CompiledRule(
                name,
                rule.Description,
                Regex(change?.Pattern ?? rule.Pattern),
                string.IsNullOrWhiteSpace(unless) ? null : Regex(unless)));
        }

        return rules;
    }

    private static Regex Regex(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);

    private sealed record CompiledRule(string Name, string Description, Regex Pattern, Regex? Unless);
}

public sealed record PolicyViolation(string Name, string Description, string Match);
