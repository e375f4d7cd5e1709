using System.Net;
using System.Net.Http.Json;
using StackExchange.Redis;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Signals;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Signals;

/// <summary>
/// Events the worker cannot store reach the dead letters in seconds, never lock their draft, and can
/// be replayed once the cause is fixed. The poison is put on the stream the way the API would (marker
/// and entry), because the API itself now refuses such text before its 202.
/// </summary>
public sealed class PoisonSignalTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_sent_is_refused_by_the_api_before_202()
    {
        var draft = await SignalTestDrafts.CreateAsync(stack);
        using var agent = stack.ApiClient(Roles.Agent);

        using var response = await agent.PostAsync($"/api/drafts/{draft.DraftId}/sent",
            new StringContent("{\"text\":\"Hello\\u0000\"}", System.Text.Encoding.UTF8, "application/json"), Ct);
        using var before = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent",
            new SentReplyRequest(draft.Text, null, DateTimeOffset.UtcNow.AddDays(-30)), Ct);
        using var valid = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text, null, null), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("text", out _));
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.True((await before.ReadJsonAsync()).GetProperty("errors").TryGetProperty("sentAt", out _));
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
    }

    [Fact]
    public async Task A_dead_lettered_sent_releases_its_draft_so_the_corrected_reply_is_recorded()
    {
        var draft = await SignalTestDrafts.CreateAsync(stack);
        var poison = new SignalEvent(SignalEvent.NewId(), SignalTypes.Sent, draft.DraftId, DateTimeOffset.UtcNow, Text: "Hello\0world");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        var marker = $"signals:sent:{draft.DraftId:N}";
        await redis.GetDatabase().StringSetAsync(marker, poison.Id, TimeSpan.FromDays(7));
        await redis.GetDatabase().StreamAddAsync("signals", SignalEvent.Field, poison.ToJson());

        using var agent = stack.ApiClient(Roles.Agent);
        using var locked = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text, null, null), Ct);
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);

        // Five deliveries two seconds apart, not five claim idle times (2.5 minutes).
        var deadLetter = await WaitForDeadLetterAsync(poison.Id, TimeSpan.FromSeconds(25));
        Assert.Equal(5, deadLetter.Attempts);
        Assert.Contains("NUL", deadLetter.Error);
        Assert.False(await redis.GetDatabase().KeyExistsAsync(marker));

        using var corrected = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text + " Thanks!", null, null), Ct);
        Assert.Equal(HttpStatusCode.Accepted, corrected.StatusCode);
        await stack.WaitForScoresAsync(draft.TraceId, 3);
        Assert.Equal(draft.Text + " Thanks!", await stack.ScalarAsync<string>("SELECT sent_text FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));

        // The dead `sent` cannot be replayed now: the draft has its reply.
        var (exitCode, _, error) = await CliAsync("signals", "replay", deadLetter.Id);
        Assert.Equal(1, exitCode);
        Assert.Contains("cannot be replayed", error);
    }

    [Fact]
    public async Task A_dead_letter_is_replayed_after_its_cause_is_fixed()
    {
        var draft = await SignalTestDrafts.CreateAsync(stack);
        var restoredDraftId = Guid.NewGuid();
        var feedback = new SignalEvent(SignalEvent.NewId(), SignalTypes.Feedback, restoredDraftId, DateTimeOffset.UtcNow, AgentId: "agent-9", Thumb: Thumbs.Up);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        await redis.GetDatabase().StreamAddAsync("signals", SignalEvent.Field, feedback.ToJson());
        var deadLetter = await WaitForDeadLetterAsync(feedback.Id, TimeSpan.FromSeconds(25));
        Assert.Contains("does not exist", deadLetter.Error);

        // The fix: the draft is back (restored from a backup, say).
        await stack.ExecuteAsync(
            "INSERT INTO drafts SELECT (jsonb_populate_record(NULL::drafts, to_jsonb(d) || jsonb_build_object('id', $1::uuid))).* FROM drafts d WHERE d.id = $2",
            restoredDraftId, draft.DraftId);
        var (exitCode, output, error) = await CliAsync("signals", "replay", deadLetter.Id);

        Assert.True(exitCode == 0, error);
        Assert.Contains($"replayed {deadLetter.Id}", output);
        await Eventually.ValueAsync(
            async () => await stack.ScalarAsync<long>("SELECT count(*) FROM scores WHERE idempotency_key LIKE $1", feedback.Id + ":%") > 0 ? "ok" : null,
            TimeSpan.FromSeconds(60), "the replayed thumb's score");
        using var manager = stack.ApiClient(Roles.Manager);
        var remaining = await manager.GetFromJsonAsync<List<DeadLetterView>>("/api/signals/dead-letters?limit=1000", Ct);
        Assert.DoesNotContain(remaining!, d => d.Id == deadLetter.Id);

        using var again = await manager.PostAsync($"/api/signals/dead-letters/{deadLetter.Id}/replay", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var malformed = await manager.PostAsync("/api/signals/dead-letters/not-an-id/replay", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var agent = stack.ApiClient(Roles.Agent);
        using var forbidden = await agent.PostAsync($"/api/signals/dead-letters/{deadLetter.Id}/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private async Task<DeadLetterView> WaitForDeadLetterAsync(string eventId, TimeSpan timeout)
    {
        using var manager = stack.ApiClient(Roles.Manager);
        return await Eventually.ValueAsync(async () =>
        {
            var deadLetters = await manager.GetFromJsonAsync<List<DeadLetterView>>("/api/signals/dead-letters?limit=1000", Ct);
            return deadLetters!.FirstOrDefault(d => d.Payload?.Contains(eventId, StringComparison.Ordinal) == true);
        }, timeout, $"event {eventId} in the dead letters");
    }

    private async Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync([.. args, "--api", stack.Api.Url, "--key", stack.DevKeys[Roles.Manager]], output, error, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
