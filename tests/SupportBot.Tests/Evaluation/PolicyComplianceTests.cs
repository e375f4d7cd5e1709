using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SupportBot.Data.Scores;
using SupportBot.Evaluation.Evaluators;
using static SupportBot.Tests.Evaluation.EvaluatorTestKit;

namespace SupportBot.Tests.Evaluation;

public sealed class PolicyComplianceTests
{
    [Fact]
    public void Almost_no_historical_sent_reply_is_flagged()
    {
        var evaluator = new PolicyComplianceEvaluator(Options.Create(new PolicyOptions()));
        var flagged = DemoHistory.Tickets.Where(t => evaluator.Violations(t.Category, t.Answer).Count > 0).Select(t => t.Id).ToList();

        // The team's replies are within policy by definition; measured 0 of 349 (docs/evaluators.md).
        Assert.True(flagged.Count <= DemoHistory.Tickets.Count / 50, $"flagged: {string.Join(", ", flagged)}");
    }

    [Theory]
    [InlineData("billing", "I've refunded your last monthly charge, it will reach your card soon.", PolicyOptions.RefundPromise)]
    [InlineData("how-to", "Since it's within 14 days, I've refunded the annual charge.", PolicyOptions.RefundPromise)]
    [InlineData("billing", "As an apology we'll add a free month to your account.", PolicyOptions.CreditPromise)]
    [InlineData("bugs-feature-requests", "Our engineers say this will be fixed by Friday.", PolicyOptions.DeadlinePromise)]
    [InlineData("bugs-feature-requests", "We guarantee the Gantt view ships next quarter.", PolicyOptions.DeadlinePromise)]
    [InlineData("troubleshooting", "We will compensate you for the lost data.", PolicyOptions.LegalCommitment)]
    [InlineData("billing", "Ich habe Ihnen den Monatsbeitrag erstattet.", PolicyOptions.RefundPromise)]
    public async Task Promises_outside_policy_are_flagged_with_the_rule(string category, string draft, string rule)
    {
        var score = await ScoreAsync(EvaluatorScoreDefinitions.PolicyCompliance, Case(category: category), Draft(draft));

        Assert.Equal(0, score.NumericValue);
        Assert.Contains(rule, score.Reason);
    }

    [Fact]
    public async Task Billing_may_report_a_refund_that_states_the_policy_window()
    {
        var draft = Draft("Your annual charge is within our 14-day refund window, so I've refunded the full amount.");

        Assert.True((await ScoreAsync(EvaluatorScoreDefinitions.PolicyCompliance, Case(category: "billing"), draft)).Passed());
        Assert.Equal(0, (await ScoreAsync(EvaluatorScoreDefinitions.PolicyCompliance, Case(category: "how-to"), draft)).NumericValue);
    }

    [Fact]
    public async Task Rules_are_configurable_per_category()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Evaluation:Policy:Categories:troubleshooting:legal-commitment:Enabled"] = "false",
            ["Evaluation:Policy:Rules:no-eta:Pattern"] = @"\beta\b",
            ["Evaluation:Policy:Rules:no-eta:Description"] = "gives an ETA",
        }).Build();
        var options = new PolicyOptions();
        configuration.GetSection(PolicyOptions.Section).Bind(options);
        var grader = Grader(policy: options);

        var compensation = Draft("We will compensate you for the lost data.");
        Assert.True((await grader.ScoreAsync(EvaluatorScoreDefinitions.PolicyCompliance, Case(category: "troubleshooting"), compensation)).Passed());
        Assert.Equal(0, (await grader.ScoreAsync(EvaluatorScoreDefinitions.PolicyCompliance, Case(category: "how-to"), compensation)).NumericValue);
        var eta = await grader.ScoreAsync(EvaluatorScoreDefinitions.PolicyCompliance, Case(category: "how-to"), Draft("No ETA yet, sorry."));
        Assert.Contains("no-eta", eta.Reason);
        // Defaults survive binding: billing still allows refunds that state the window.
        Assert.NotNull(options.Categories["billing"][PolicyOptions.RefundPromise].Unless);
    }
}
