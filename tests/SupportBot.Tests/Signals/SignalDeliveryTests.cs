using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Signals;

/// <summary>
/// At-least-once delivery with idempotent writes, against a real API, worker, Redis and Postgres
/// (a dedicated pipeline: <see cref="SignalPipeline"/>). Tests in a class run one after another,
/// so stopping the worker here cannot surprise the others.
/// </summary>
public sealed class SignalDeliveryTests(StackFixture stack, SignalPipeline pipeline) : IClassFixture<SignalPipeline>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_redelivered_event_never_counts_twice()
    {
        var category = SignalTestDrafts.UniqueCategory("redelivery");
        var draft = await SignalTestDrafts.CreateAsync(stack, category: category);
        await pipeline.PostAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text + " Also check Settings > Export.", null, null));
        await pipeline.PostAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("up", "good", null));
        await stack.WaitForScoresAsync(draft.TraceId, 4);
        await pipeline.WaitUntilDrainedAsync();

        // The same events again, as Redis would hand them out after a crash before XACK.
        var db = pipeline.Redis.GetDatabase();
        var entries = await db.StreamRangeAsync(pipeline.Stream);
        var ours = entries.Where(e => ((string?)e["event"])!.Contains(draft.DraftId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ours.Count);
        foreach (var entry in ours)
        {
            await db.StreamAddAsync(pipeline.Stream, "event", entry["event"]);
        }

        // And a second `sent` with a new event id that slipped past the API's 409 (e.g. its Redis marker was lost).
        await db.StreamAddAsync(pipeline.Stream, "event", JsonSerializer.Serialize(new
        {
            id = Guid.NewGuid().ToString("N"),
            type = "sent",
            draftId = draft.DraftId,
            acceptedAt = DateTimeOffset.UtcNow,
            text = "A different reply sent later.",
        }));

        await pipeline.WaitUntilDrainedAsync();
        Assert.Equal(4L, await stack.ScoreCountAsync(draft.TraceId));
        Assert.Equal(draft.Text + " Also check Settings > Export.", await stack.ScalarAsync<string>("SELECT sent_text FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
        Assert.Equal(1, await stack.ScalarAsync<int>("SELECT thumbs_up FROM draft_outcomes WHERE draft_id = $1", draft.DraftId));
        Assert.Equal(1, await stack.ScalarAsync<int>("SELECT sum(sent)::int FROM category_signal_stats WHERE category = $1", category));
        Assert.Equal(1, await stack.ScalarAsync<int>("SELECT sum(thumbs_up)::int FROM category_signal_stats WHERE category = $1", category));
    }

    [Fact]
    public async Task Signals_wait_out_a_worker_outage_including_entries_it_read_but_never_acknowledged()
    {
        var category = SignalTestDrafts.UniqueCategory("outage");
        var drafts = new List<TicketDraftResponse>();
        for (var i = 0; i < 3; i++)
        {
            drafts.Add(await SignalTestDrafts.CreateAsync(stack, category: category));
        }

        await pipeline.StopWorkerAsync();
        try
        {
            foreach (var draft in drafts)
            {
                await pipeline.PostAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text, null, null));
                await pipeline.PostAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("down", null, null));
            }

            // The worker "crashed" after reading two entries: they are pending on its name, unacknowledged.
            // Another replica read one more and died for good: only XAUTOCLAIM can rescue that one.
            var read = await pipeline.Redis.GetDatabase().StreamReadGroupAsync(pipeline.Stream, pipeline.Group, SignalPipeline.ConsumerName, ">", 2);
            var orphaned = await pipeline.Redis.GetDatabase().StreamReadGroupAsync(pipeline.Stream, pipeline.Group, "replica-that-died", ">", 1);
            Assert.Equal(2, read.Length);
            Assert.Single(orphaned);
            await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
            foreach (var draft in drafts)
            {
                Assert.Equal(0L, await stack.ScoreCountAsync(draft.TraceId));
            }
        }
        finally
        {
            await pipeline.StartWorkerAsync();
        }

        foreach (var draft in drafts)
        {
            await stack.WaitForScoresAsync(draft.TraceId, 4);
        }

        await pipeline.WaitUntilDrainedAsync();
        Assert.Equal(3, await stack.ScalarAsync<int>("SELECT sum(sent)::int FROM category_signal_stats WHERE category = $1", category));
        Assert.Equal(3, await stack.ScalarAsync<int>("SELECT sum(thumbs_down)::int FROM category_signal_stats WHERE category = $1", category));
    }

    [Fact]
    public async Task Poison_events_go_to_the_dead_letter_stream_with_their_error_and_do_not_block_others()
    {
        var db = pipeline.Redis.GetDatabase();
        var malformed = await db.StreamAddAsync(pipeline.Stream, "event", "{not json");
        var missingDraft = Guid.NewGuid();
        var orphan = await db.StreamAddAsync(pipeline.Stream, "event", JsonSerializer.Serialize(new
        {
            id = Guid.NewGuid().ToString("N"),
            type = "sent",
            draftId = missingDraft,
            acceptedAt = DateTimeOffset.UtcNow,
            text = "A reply for a draft that was deleted after the API accepted it.",
        }));
        var draft = await SignalTestDrafts.CreateAsync(stack);
        await pipeline.PostAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text, null, null));

        await stack.WaitForScoresAsync(draft.TraceId, 3);
        using var manager = pipeline.Client(Roles.Manager);
        var letters = await Eventually.ValueAsync(async () =>
        {
            var list = (await manager.GetFromJsonAsync<List<DeadLetterView>>("/api/signals/dead-letters", Ct))!;
            return list.Count(l => l.EntryId == malformed.ToString() || l.EntryId == orphan.ToString()) == 2 ? list : null;
        }, TimeSpan.FromSeconds(90), "both poison events dead-lettered");

        var bad = letters.Single(l => l.EntryId == malformed.ToString());
        Assert.Contains("not a signal event", bad.Error, StringComparison.Ordinal);
        Assert.Equal(SignalPipeline.MaxAttempts, bad.Attempts);
        Assert.Equal("{not json", bad.Payload);
        var gone = letters.Single(l => l.EntryId == orphan.ToString());
        Assert.Contains($"Draft {missingDraft} does not exist", gone.Error, StringComparison.Ordinal);
        Assert.Equal(SignalPipeline.MaxAttempts, gone.Attempts);
        await pipeline.WaitUntilDrainedAsync();
    }
}
