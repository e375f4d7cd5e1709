using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Signals;

public sealed class SignalsApiTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sent_reply_becomes_typed_scores_an_outcome_and_hourly_stats()
    {
        var draft = await SignalTestDrafts.CreateAsync(stack);
        using var agent = stack.ApiClient(Roles.Agent);
        var sentText = draft.Text + "\n\nYou can also export from the mobile app under Settings > Export.";

        using var response = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(sentText, "agent-7", null), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<SignalAccepted>(Ct))!;
        Assert.Equal(draft.DraftId, accepted.DraftId);
        Assert.Equal(SignalTypes.Sent, accepted.Type);
        await stack.WaitForScoresAsync(draft.TraceId, 3);

        Assert.Equal(3L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM scores WHERE trace_id = $1 AND source = 'signal' AND idempotency_key IN ($2, $3, $4)",
            draft.TraceId, $"{accepted.EventId}:edit_distance", $"{accepted.EventId}:edit_distance_chars", $"{accepted.EventId}:edit_type"));
        Assert.Equal("added", await stack.ScalarAsync<string>("SELECT string_value FROM scores WHERE trace_id = $1 AND name = 'edit_type'", draft.TraceId));
        var distance = await stack.ScalarAsync<double>("SELECT numeric_value FROM scores WHERE trace_id = $1 AND name = 'edit_distance'", draft.TraceId);
        Assert.InRange(distance, 0.01, 0.9);
        Assert.Equal("categorical", await stack.ScalarAsync<string>("SELECT data_type FROM scores WHERE trace_id = $1 AND name = 'edit_type'", draft.TraceId));

        Assert.Equal(sentText, await stack.ScalarAsync<string>("SELECT sent_text FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
        Assert.Equal("agent-7", await stack.ScalarAsync<string>("SELECT agent_id FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
        Assert.Equal(distance, await stack.ScalarAsync<double>("SELECT word_edit_distance FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
        Assert.True(await stack.ScalarAsync<int>(
            "SELECT coalesce(sum(sent), 0)::int FROM category_signal_stats WHERE category = $1 AND hour = date_trunc('hour', now())", draft.Category) >= 1);
    }

    [Fact]
    public async Task A_second_sent_for_the_same_draft_is_a_conflict_and_changes_nothing()
    {
        var draft = await SignalTestDrafts.CreateAsync(stack);
        using var agent = stack.ApiClient(Roles.Agent);
        using var first = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text, null, null), Ct);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var queued = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest("Something else entirely.", null, null), Ct);
        Assert.Equal(HttpStatusCode.Conflict, queued.StatusCode);

        await stack.WaitForScoresAsync(draft.TraceId, 3);
        using var afterProcessing = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest("Something else entirely.", null, null), Ct);
        Assert.Equal(HttpStatusCode.Conflict, afterProcessing.StatusCode);
        Assert.Equal(draft.Text, await stack.ScalarAsync<string>("SELECT sent_text FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
        Assert.Equal("none", await stack.ScalarAsync<string>("SELECT edit_type FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
        // The API key's name stands in for a missing agent id.
        Assert.Equal("dev-agent", await stack.ScalarAsync<string>("SELECT agent_id FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
    }

    [Fact]
    public async Task Thumbs_become_boolean_scores_with_the_comment_and_add_up_on_the_outcome()
    {
        var draft = await SignalTestDrafts.CreateAsync(stack);
        using var agent = stack.ApiClient(Roles.Agent);

        using var down = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("down", "Wrong menu path", null), Ct);
        using var up = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("UP", null, null), Ct);

        Assert.Equal(HttpStatusCode.Accepted, down.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, up.StatusCode);
        await stack.WaitForScoresAsync(draft.TraceId, 2);
        Assert.Equal("Wrong menu path", await stack.ScalarAsync<string>(
            "SELECT comment FROM scores WHERE trace_id = $1 AND name = 'thumbs' AND string_value = 'false' AND numeric_value = 0", draft.TraceId));
        Assert.Equal(1L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM scores WHERE trace_id = $1 AND name = 'thumbs' AND string_value = 'true' AND numeric_value = 1 AND data_type = 'boolean'", draft.TraceId));
        await Eventually.ValueAsync(
            async () => await stack.ScalarAsync<int>("SELECT thumbs_up + thumbs_down FROM draft_outcomes WHERE draft_id = $1", draft.DraftId) == 2 ? "ok" : null,
            TimeSpan.FromSeconds(60));
        Assert.Equal("Wrong menu path", await stack.ScalarAsync<string>("SELECT last_comment FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
    }

    [Fact]
    public async Task Bad_signals_are_rejected_with_field_errors_and_queue_nothing()
    {
        var draft = await SignalTestDrafts.CreateAsync(stack);
        using var agent = stack.ApiClient(Roles.Agent);
        var streamBefore = await StreamLengthAsync();

        await AssertFieldErrorAsync(await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest("  ", null, null), Ct), "text");
        await AssertFieldErrorAsync(await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(new string('x', TextLimits.SentReply + 1), null, null), Ct), "text");
        await AssertFieldErrorAsync(await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("sideways", null, null), Ct), "thumb");
        await AssertFieldErrorAsync(await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("up", new string('c', TextLimits.Comment + 1), null), Ct), "comment");
        using var unknown = await agent.PostAsJsonAsync($"/api/drafts/{Guid.NewGuid()}/sent", new SentReplyRequest("Hello", null, null), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var unknownFeedback = await agent.PostAsJsonAsync($"/api/drafts/{Guid.NewGuid()}/feedback", new DraftFeedbackRequest("up", null, null), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknownFeedback.StatusCode);
        using var anonymous = await stack.ApiClient().PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest("Hello", null, null), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // A rejected sent leaves the draft sendable: no marker, no outcome, no stream entry of its own.
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
        using var valid = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text, null, null), Ct);
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
        Assert.True(await StreamLengthAsync() > streamBefore);
    }

    [Fact]
    public async Task Dead_letters_are_for_managers_only()
    {
        using var agent = stack.ApiClient(Roles.Agent);
        using var manager = stack.ApiClient(Roles.Manager);

        using var forbidden = await agent.GetAsync("/api/signals/dead-letters", Ct);
        using var allowed = await manager.GetAsync("/api/signals/dead-letters?limit=5", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await allowed.ReadJsonAsync()).ValueKind);
    }

    [Fact]
    public async Task The_worker_exports_signal_metrics()
    {
        var draft = await SignalTestDrafts.CreateAsync(stack);
        using var agent = stack.ApiClient(Roles.Agent);
        using var sent = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest("Hello! " + draft.Text, null, null), Ct);
        using var feedback = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("up", null, null), Ct);
        await stack.WaitForScoresAsync(draft.TraceId, 4);

        using var http = new HttpClient { BaseAddress = new Uri(stack.Worker.Url) };
        var metrics = await Eventually.ValueAsync(async () =>
        {
            var text = await http.GetStringAsync("/metrics", Ct);
            return text.Contains("supportbot_feedback_total", StringComparison.Ordinal) ? text : null;
        }, TimeSpan.FromSeconds(60), "signal metrics on /metrics");

        var lines = metrics.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("supportbot_drafts_sent_total{", StringComparison.Ordinal) && l.Contains($"category=\"{draft.Category}\"") && l.Contains("edit_type=\"tone\""));
        Assert.Contains(lines, l => l.StartsWith("supportbot_draft_edit_distance_bucket{", StringComparison.Ordinal) && l.Contains("le=\"0.05\""));
        Assert.Contains(lines, l => l.StartsWith("supportbot_feedback_total{", StringComparison.Ordinal) && l.Contains("thumb=\"up\""));
        Assert.Contains(lines, l => l.StartsWith("supportbot_signal_events_total{", StringComparison.Ordinal) && l.Contains("outcome=\"processed\"") && l.Contains("type=\"sent\""));
        Assert.Contains(lines, l => l.StartsWith("supportbot_signal_lag_seconds_bucket{", StringComparison.Ordinal));
    }

    private async Task<long> StreamLengthAsync()
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        return await redis.GetDatabase().StreamLengthAsync("signals");
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ReadJsonAsync();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}': {problem}");
        }
    }
}
