using System.Globalization;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Foundation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>The worker's parts: the abandon timer, and the resolution rates in the API and in Prometheus.</summary>
public sealed class ConversationSignalsTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_answer_that_asked_something_and_got_silence_is_abandoned_by_the_worker()
    {
        var world = await ConversationWorld.CreateAsync(stack, reply: ConversationWorld.OfferReply);
        using var channel = stack.ApiClient(Roles.Channel);
        var conversation = await ConversationWorld.StartAsync(channel);
        var answer = await ConversationWorld.SendAsync(channel, conversation.Id, world.Question);
        Assert.Contains("Would you like", answer.Reply!.Text);
        Assert.NotNull(await stack.ScalarAsync<DateTime?>("SELECT awaiting_customer_since FROM conversations WHERE id = $1", conversation.Id));

        // As if the customer had been silent for two hours.
        await stack.ExecuteAsync("UPDATE conversations SET awaiting_customer_since = now() - interval '2 hours' WHERE id = $1", conversation.Id);

        var transcript = await Eventually.ValueAsync(async () =>
            await world.TranscriptAsync(conversation.Id) is { Signals.Abandoned: true } t ? t : null, TimeSpan.FromSeconds(60), "abandoned");
        Assert.Equal("abandoned: no reply to the bot's question", transcript.Messages[^1].Text);
        // The score follows the status message.
        await Eventually.ValueAsync(async () => await world.ScoreAsync(answer.TraceId!, "abandoned") == 1.0 ? "" : null, TimeSpan.FromSeconds(60), "abandoned score");
    }

    [Fact]
    public async Task Resolution_rates_per_category_appear_in_the_api_and_in_prometheus()
    {
        var world = await ConversationWorld.CreateAsync(stack);
        using var channel = stack.ApiClient(Roles.Channel);
        // One resolved by the bot alone, one re-asked and then closed, one handed to a person.
        var resolved = await ConversationWorld.StartAsync(channel);
        await ConversationWorld.SendAsync(channel, resolved.Id, world.Question);
        using (await channel.PostAsJsonAsync($"/api/conversations/{resolved.Id}/close", new CloseConversationRequest(true), Ct))
        {
        }

        var reAsked = await ConversationWorld.StartAsync(channel);
        await ConversationWorld.SendAsync(channel, reAsked.Id, $"How do I export my tasks to CSV? {world.Words}");
        await ConversationWorld.SendAsync(channel, reAsked.Id, $"How can I export my tasks to CSV? {world.Words}");
        var human = await ConversationWorld.StartAsync(channel);
        await ConversationWorld.SendAsync(channel, human.Id, world.Question);
        await ConversationWorld.SendAsync(channel, human.Id, "Can I speak to a real person please?");
        using var agent = stack.ApiClient(Roles.Agent);

        var view = (await agent.GetFromJsonAsync<ResolutionView>($"/api/resolution/{world.Category}", Ct))!;

        Assert.Equal(("customer-facing", false), (view.Phase, view.Paused));
        Assert.Equal((3, 2, 1, 1, 1), (view.Conversations, view.Contained, view.Verified, view.HandedOff, view.ReAsked));
        Assert.Equal((0.6667, 0.3333, 0.3333, 0.3333, 0.0), (view.Containment, view.VerifiedResolution, view.HandoffRate, view.ReAskRate, view.AbandonRate));
        Assert.Equal(1, view.CustomerResolvedYes);
        var all = (await agent.GetFromJsonAsync<List<ResolutionView>>("/api/resolution", Ct))!;
        Assert.Contains(all, v => v.Category == world.Category && v.Conversations == 3);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await agent.GetAsync("/api/resolution/no-such-category", Ct)).StatusCode);

        using var prometheus = stack.PrometheusClient();
        foreach (var (metric, expected) in new[] { ("supportbot_resolution_containment", 0.6667), ("supportbot_resolution_verified", 0.3333), ("supportbot_category_paused", 0.0) })
        {
            var query = $"{metric}{{category=\"{world.Category}\"}}";
            await Eventually.ValueAsync(async () =>
                await prometheus.QueryAsync(query) is [var row]
                && Math.Abs(double.Parse(row.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) - expected) < 1e-3 ? (object)row : null,
                TimeSpan.FromMinutes(3), $"`{query}` = {expected}");
        }

        var answered = $"sum(supportbot_conversations_messages_total{{category=\"{world.Category}\", outcome=\"answered\"}})";
        await Eventually.ValueAsync(async () =>
            await prometheus.QueryAsync(answered) is [var row] && row.GetProperty("value")[1].GetString() == "4" ? (object)row : null,
            TimeSpan.FromSeconds(60), $"`{answered}` = 4");
    }
}
