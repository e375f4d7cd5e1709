using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Monitors;

namespace SupportBot.Tests.Monitors;

/// <summary>Robustness and the evidence contract of the monitors, in process.</summary>
public sealed class MonitorSuiteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class ThrowingMonitor : ReplyMonitor
    {
        public override string Name => "throwing";
        public override string Version => "0.1";
        public override ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom " + reply.Reply);
    }

    [Fact]
    public async Task A_throwing_monitor_becomes_monitor_error_and_the_others_still_flag()
    {
        using var services = MonitorHarness.Build(s => s.AddSingleton<IReplyMonitor, ThrowingMonitor>());
        var suite = services.GetRequiredService<SupportBot.Monitors.Checking.MonitorSuite>();

        var result = await suite.CheckAsync(new ReplyToCheck("", "Fuck off, read the manual.", "how-to", "en", null, [], []), Ct);

        var error = Assert.Single(result.Flags, f => f.Monitor == MonitorNames.MonitorError);
        Assert.Equal("throwing", error.Kind);
        Assert.DoesNotContain("Fuck", error.Reason, StringComparison.Ordinal); // never the reply's text
        Assert.Contains(result.Flags, f => f.Monitor == MonitorNames.Rudeness);
        Assert.Equal(MonitorNames.Embedded.Count + 1, result.MonitorsRun.Count);
    }

    [Fact]
    public async Task Every_flag_points_at_its_evidence_in_the_reply_and_carries_the_monitor_version()
    {
        const string reply = "Hi Sam, I've refunded the whole year. Email our other customer at jane.doe@gmail.com or see https://help.tasklane.example/articles/secret-refunds.";
        var result = await MonitorHarness.Suite.CheckAsync(new ReplyToCheck("Can I get my money back?", reply, "how-to", "en", "Sam", [], []), Ct);

        Assert.Contains(result.Flags, f => f.Monitor == MonitorNames.UnauthorizedCommitment);
        Assert.Contains(result.Flags, f => f.Monitor == MonitorNames.LeakedData && f.Evidence.Text == "jane.doe@gmail.com");
        Assert.Contains(result.Flags, f => f.Monitor == MonitorNames.InventedLink && f.Evidence.Text == "https://help.tasklane.example/articles/secret-refunds");
        Assert.All(result.Flags, f =>
        {
            Assert.Equal(f.Evidence.Text, reply[f.Evidence.Start..f.Evidence.End]);
            Assert.False(string.IsNullOrEmpty(f.MonitorVersion));
            Assert.Contains(f.Severity, FlagSeverities.All);
        });
    }

    [Fact]
    public async Task The_customers_own_email_and_a_card_ending_are_not_a_leak()
    {
        var result = await MonitorHarness.Suite.CheckAsync(new ReplyToCheck(
            "Please use anna.k@example.com", "Hi Anna, we'll write to anna.k@example.com; the card ending in 4242 stays on file.", "billing", "en", "Anna", [], []), Ct);
        Assert.DoesNotContain(result.Flags, f => f.Monitor == MonitorNames.LeakedData);
    }

    [Fact]
    public async Task A_monitor_is_an_IEvaluator_whose_metric_fails_when_it_flags()
    {
        var monitor = MonitorHarness.Provider.GetServices<IReplyMonitor>().Single(m => m.Name == MonitorNames.Rudeness);
        var result = await monitor.EvaluateAsync([new ChatMessage(ChatRole.User, "help")], new ChatResponse(new ChatMessage(ChatRole.Assistant, "That's a stupid question.")), cancellationToken: Ct);
        var metric = Assert.IsType<BooleanMetric>(result.Metrics[MonitorNames.Rudeness]);
        Assert.False(metric.Value);
        Assert.True(metric.Interpretation!.Failed);
        Assert.Contains("insult", metric.Metadata!["flags"], StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_configuration_is_refused_at_start_with_every_reason()
    {
        var options = new MonitorOptions { BatchSize = 0, AccountIdPatterns = ["(unclosed"], Judge = new JudgeMonitorOptions { BaseUrl = "not a url", DailyCallBudget = 0 } };
        options.SimilarityThresholds["rudeness"] = 1.5;
        options.AllowedCommitments["billing"]["teleport"] = "";

        var result = new MonitorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        foreach (var expected in new[] { "BatchSize", "AccountIdPatterns:0", "Judge:BaseUrl", "Judge:Model", "DailyCallBudget", "SimilarityThresholds:rudeness", "teleport" })
        {
            Assert.Contains(expected, failures, StringComparison.Ordinal);
        }

        Assert.True(new MonitorOptionsValidator().Validate(null, new MonitorOptions()).Succeeded);
        _ = Options.Create(options);
    }
}
