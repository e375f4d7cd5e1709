using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Conversations;
using SupportBot.Tests.Foundation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Monitors;

/// <summary>
/// The way back, with nothing simulated: a burst of flagged bot answers in a customer-facing category → the worker's
/// flags scraped by the real Prometheus → the shipped SupportBotFlagSpike rule (its real thresholds and `for: 2m`) →
/// the real Alertmanager → the API's webhook → GET /api/alerts and the category paused, audited → the next customer
/// message in it goes to the team. The stack's test settings make this minutes, not hours: Prometheus scrapes and
/// evaluates every second (SupportBot:ScrapeIntervalSeconds=1 in StackFixture.AppHostArguments), and Alertmanager's
/// group_wait is 1 s (AddAlertmanager).
/// </summary>
public sealed class FlagSpikeEndToEndTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Over the rule's minimum of 20 replies in the 15-minute window, with margin for the first answer (the counter's
    // first sample, no increase) and rate()'s extrapolation at the window's edges.
    private const int Burst = 28;

    [Fact]
    public async Task A_burst_of_flagged_bot_answers_fires_the_flag_spike_alert_which_pauses_the_category_and_hands_the_next_message_off()
    {
        var world = await ReputationTraffic.FlaggedWorldAsync(stack);
        var burstStarted = DateTimeOffset.UtcNow;
        await ReputationTraffic.SendFlaggedAnswersAsync(stack, world, Burst, TimeSpan.FromMinutes(4));

        // Prometheus: pending, then firing after the rule's 2 minutes.
        using var prometheus = stack.PrometheusClient();
        var firing = $"ALERTS{{alertname=\"SupportBotFlagSpike\",alertstate=\"firing\",category=\"{world.Category}\",monitor=\"{MonitorNames.UnauthorizedCommitment}\"}}";
        await Eventually.ValueAsync(async () => await prometheus.QueryAsync(firing) is { Count: > 0 } rows ? rows : null, TimeSpan.FromMinutes(5), firing);

        // Alertmanager delivered it to the webhook: GET /api/alerts lists it with the rule's labels.
        using var agent = stack.ApiClient(Roles.Agent);
        var page = await Eventually.ValueAsync(async () =>
                await agent.GetFromJsonAsync<AlertEventPage>($"/api/alerts?alertname=SupportBotFlagSpike&label=category:{world.Category}&label=monitor:{MonitorNames.UnauthorizedCommitment}", Ct) is { Total: > 0 } found ? found : null,
            TimeSpan.FromMinutes(1), "SupportBotFlagSpike delivered by Alertmanager");
        var alert = page.Items[^1];
        Assert.Equal("firing", alert.Status);
        Assert.Equal(MonitorNames.UnauthorizedCommitment, alert.Labels["monitor"]);
        Assert.Equal("critical", alert.Labels["severity"]);
        Assert.True(alert.StartsAt > burstStarted, $"alert started {alert.StartsAt:O}, burst {burstStarted:O}");

        // The category is paused by the monitor, audited once, with the alert as its reason.
        var pause = (await agent.GetFromJsonAsync<CategoryPauseHistory>($"/api/categories/{world.Category}/pause", Ct))!;
        Assert.True(pause.Current.Paused);
        Assert.Equal("monitor", pause.Current.Source);
        Assert.Contains("SupportBotFlagSpike", pause.Current.Reason, StringComparison.Ordinal);
        Assert.Contains(MonitorNames.UnauthorizedCommitment, pause.Current.Reason, StringComparison.Ordinal);
        var audit = Assert.Single(pause.Changes);
        Assert.Equal(("pause", "monitor", "alertmanager"), (audit.Action, audit.Source, audit.Actor));

        // The next customer in that category reaches the team, not the bot.
        using var channel = stack.ApiClient(Roles.Channel);
        var conversation = await ConversationWorld.StartAsync(channel);
        var next = await ConversationWorld.SendAsync(channel, conversation.Id, world.Question);
        Assert.Equal(ConversationOutcomes.HandedOff, next.Outcome);
        Assert.StartsWith("paused", next.HandoffReason, StringComparison.Ordinal);
        Assert.NotNull(next.TicketId);
    }
}
