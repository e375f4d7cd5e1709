using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Conversations;
using SupportBot.Tests.Foundation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Monitors;

/// <summary>
/// Flagged bot answers in a customer-facing category of its own, through the real API: its resolved tickets were
/// answered with a Chevrolet-style commitment, so the embedded drafter sends that to every new customer and the
/// worker's monitors flag it.
/// </summary>
public static class ReputationTraffic
{
    public const string CommitmentReply =
        "Hi Anna,\n\nThat's a deal: the Business plan is yours for $1, and that's a legally binding offer - no takesies backsies.\n\nBest, Sam";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A customer-facing category whose bot answers will be flagged by unauthorized_commitment.</summary>
    public static Task<ConversationWorld> FlaggedWorldAsync(StackFixture stack) =>
        ConversationWorld.CreateAsync(stack, reply: CommitmentReply);

    /// <summary>One new customer asking the world's question: the bot's answer, which must have been sent.</summary>
    public static async Task<CustomerMessageResponse> AskAsync(ConversationWorld world, HttpClient channel)
    {
        var conversation = await ConversationWorld.StartAsync(channel);
        var answer = await ConversationWorld.SendAsync(channel, conversation.Id, world.Question);
        Assert.True(answer.Outcome == ConversationOutcomes.Answered, $"the bot did not answer: {answer.Outcome} ({answer.HandoffReason})");
        return answer;
    }

    /// <summary>
    /// Sends <paramref name="answers"/> flagged answers. The first goes alone and is waited for in Prometheus, so the
    /// category's counter series exist before the rest: a counter that first appears already at N has no increase.
    /// </summary>
    public static async Task SendFlaggedAnswersAsync(StackFixture stack, ConversationWorld world, int answers, TimeSpan timeout)
    {
        using var channel = stack.ApiClient(Roles.Channel);
        using var prometheus = stack.PrometheusClient();
        await AskAsync(world, channel);
        var flags = $"sum(supportbot_monitor_flags_total{{category=\"{world.Category}\",monitor=\"{MonitorNames.UnauthorizedCommitment}\"}})";
        await Eventually.ValueAsync(async () => await prometheus.QueryAsync(flags) is { Count: > 0 } rows ? rows : null, timeout, $"`{flags}` scraped");
        for (var i = 1; i < answers; i++)
        {
            await AskAsync(world, channel);
        }

        await Eventually.ValueAsync(
            async () => await prometheus.QueryAsync($"{flags} >= {answers}") is { Count: > 0 } rows ? rows : null, timeout, $"{answers} flagged answers scraped");
    }

    /// <summary>
    /// Everything the "Reputation monitors" dashboard shows, in a category of its own: four flagged answers, two of their
    /// follow-ups resolved with the same outcome (one histogram series) a scrape apart, so the time-to-follow-up histogram
    /// has an increase (a series that first appears at 1 has none), two left open, the
    /// category paused by a manager.
    /// </summary>
    public static async Task<string> GenerateAsync(StackFixture stack)
    {
        var world = await FlaggedWorldAsync(stack);
        await SendFlaggedAnswersAsync(stack, world, answers: 4, TimeSpan.FromMinutes(3));

        using var agent = stack.ApiClient(Roles.Agent);
        var entries = await Eventually.ValueAsync(async () =>
                (await agent.GetFromJsonAsync<FollowUpPage>($"/api/follow-ups?category={world.Category}", Ct))!.Items is { Count: 4 } items ? items : null,
            TimeSpan.FromMinutes(2), "four follow-up entries, one per conversation");
        using var prometheus = stack.PrometheusClient();
        await ResolveAsync(agent, entries[0].Id, FollowUpOutcomes.CustomerContacted);
        var resolved = $"sum(supportbot_follow_up_duration_seconds_count{{category=\"{world.Category}\"}})";
        await Eventually.ValueAsync(async () => await prometheus.QueryAsync(resolved) is { Count: > 0 } rows ? rows : null, TimeSpan.FromSeconds(60), $"`{resolved}` scraped");
        await ResolveAsync(agent, entries[1].Id, FollowUpOutcomes.CustomerContacted);

        using var manager = stack.ApiClient(Roles.Manager);
        using (var pause = await manager.PostAsJsonAsync($"/api/categories/{world.Category}/pause", new CategoryPauseRequest("dashboard test"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        return world.Category;
    }

    private static async Task ResolveAsync(HttpClient agent, Guid id, string outcome)
    {
        using (var take = await agent.PostAsync($"/api/follow-ups/{id}/take", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, take.StatusCode);
        }

        using var resolve = await agent.PostAsJsonAsync($"/api/follow-ups/{id}/resolve", new ResolveFollowUpRequest(outcome, "dashboard test"), Ct);
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
    }
}
