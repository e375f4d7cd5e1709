using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Signals;

public sealed class ReviewQueueTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Corrected_and_thumbed_down_drafts_are_queued_and_a_reviewer_adds_one_to_a_dataset()
    {
        var category = SignalTestDrafts.UniqueCategory("review");
        var corrected = await SignalTestDrafts.CreateAsync(stack, category: category);
        var thumbedDown = await SignalTestDrafts.CreateAsync(stack, category: category);
        var fine = await SignalTestDrafts.CreateAsync(stack, category: category);
        using var agent = stack.ApiClient(Roles.Agent);
        var correctedReply = "Hi,\n\nThe export now lives under Settings > Data > Export (since version 4.2). Pick CSV there.\n\nBest, Sam";
        await PostAsync(agent, $"/api/drafts/{corrected.DraftId}/sent", new SentReplyRequest(correctedReply, "agent-1", null));
        await PostAsync(agent, $"/api/drafts/{thumbedDown.DraftId}/feedback", new DraftFeedbackRequest("down", "cites the wrong article", null));
        await PostAsync(agent, $"/api/drafts/{fine.DraftId}/sent", new SentReplyRequest(fine.Text, null, null));
        await stack.WaitForScoresAsync(corrected.TraceId, 3);
        await stack.WaitForScoresAsync(thumbedDown.TraceId, 1);
        await stack.WaitForScoresAsync(fine.TraceId, 3);

        using var manager = stack.ApiClient(Roles.Manager);
        var page = (await manager.GetFromJsonAsync<ReviewQueuePage>($"/api/review-queue?category={category}&pageSize=10", Ct))!;

        Assert.Equal(2, page.Total);
        Assert.Equal([thumbedDown.TraceId, corrected.TraceId], page.Items.Select(i => i.TraceId)); // newest first
        var item = page.Items.Single(i => i.TraceId == corrected.TraceId);
        Assert.Equal(corrected.Text, item.DraftText);
        Assert.Equal(correctedReply, item.SentText);
        Assert.Equal("corrected", item.EditType);
        Assert.Contains("corrected", item.Reasons);
        Assert.Equal(["edit_distance", "edit_distance_chars", "edit_type"], item.Scores.Select(s => s.Name).Order());
        Assert.Equal("cites the wrong article", page.Items.Single(i => i.TraceId == thumbedDown.TraceId).LastComment);
        var later = (await manager.GetFromJsonAsync<ReviewQueuePage>($"/api/review-queue?category={category}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))}", Ct))!;
        Assert.Equal(0, later.Total);

        var datasetName = "review-" + Guid.NewGuid().ToString("N")[..8];
        var datasetId = await CreateDatasetAsync(datasetName);
        using var added = await manager.PostAsJsonAsync($"/api/review-queue/{corrected.TraceId}/add-to-dataset", new AddToDatasetRequest(null, datasetName, "menu moved in 4.2"), Ct);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var decision = (await added.Content.ReadFromJsonAsync<ReviewDecision>(Ct))!;
        Assert.Equal("added", decision.Status);
        Assert.Equal("dev-manager", decision.ReviewedBy);
        Assert.Equal(datasetId, decision.DatasetId);
        Assert.Equal(2, decision.DatasetVersion);
        Assert.Equal(correctedReply, await stack.ScalarAsync<string>(
            "SELECT expected_output FROM dataset_items WHERE dataset_id = $1 AND source_trace_id = $2 AND added_in_version = 2", datasetId, corrected.TraceId));
        Assert.Equal("menu moved in 4.2", await stack.ScalarAsync<string>("SELECT review_note FROM draft_outcomes WHERE trace_id = $1", corrected.TraceId));
        Assert.Equal("dev-manager", await stack.ScalarAsync<string>("SELECT reviewed_by FROM draft_outcomes WHERE trace_id = $1 AND reviewed_at IS NOT NULL", corrected.TraceId));

        using var again = await manager.PostAsJsonAsync($"/api/review-queue/{corrected.TraceId}/add-to-dataset", new AddToDatasetRequest(datasetId, null, null), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var remaining = (await manager.GetFromJsonAsync<ReviewQueuePage>($"/api/review-queue?category={category}", Ct))!;
        Assert.Equal([thumbedDown.TraceId], remaining.Items.Select(i => i.TraceId));
    }

    [Fact]
    public async Task A_dismissal_needs_a_note_is_recorded_once_and_unknown_targets_are_not_found()
    {
        var category = SignalTestDrafts.UniqueCategory("dismiss");
        var draft = await SignalTestDrafts.CreateAsync(stack, category: category);
        using var agent = stack.ApiClient(Roles.Agent);
        await PostAsync(agent, $"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("down", null, null));
        await stack.WaitForScoresAsync(draft.TraceId, 1);
        await Eventually.ValueAsync(
            async () => await stack.ScalarAsync<long>("SELECT count(*) FROM draft_outcomes WHERE trace_id = $1", draft.TraceId) == 1 ? "ok" : null, TimeSpan.FromSeconds(60));
        using var manager = stack.ApiClient(Roles.Manager);

        using var noNote = await manager.PostAsJsonAsync($"/api/review-queue/{draft.TraceId}/dismiss", new DismissRequest(" "), Ct);
        using var forbidden = await agent.PostAsJsonAsync($"/api/review-queue/{draft.TraceId}/dismiss", new DismissRequest("agents cannot review"), Ct);
        using var unknownTrace = await manager.PostAsJsonAsync($"/api/review-queue/{Guid.NewGuid():N}/dismiss", new DismissRequest("x"), Ct);
        using var unknownDataset = await manager.PostAsJsonAsync($"/api/review-queue/{draft.TraceId}/add-to-dataset", new AddToDatasetRequest(Guid.NewGuid(), null, null), Ct);
        using var dismissed = await manager.PostAsJsonAsync($"/api/review-queue/{draft.TraceId}/dismiss", new DismissRequest("customer was rude, draft fine"), Ct);
        using var twice = await manager.PostAsJsonAsync($"/api/review-queue/{draft.TraceId}/dismiss", new DismissRequest("again"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownTrace.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, unknownDataset.StatusCode); // thumbs only: no sent reply to learn from
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("dismissed", await stack.ScalarAsync<string>("SELECT review_status FROM draft_outcomes WHERE trace_id = $1", draft.TraceId));
        Assert.Equal("customer was rude, draft fine", await stack.ScalarAsync<string>("SELECT review_note FROM draft_outcomes WHERE trace_id = $1", draft.TraceId));
        var page = (await manager.GetFromJsonAsync<ReviewQueuePage>($"/api/review-queue?category={category}", Ct))!;
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task Adding_to_an_unknown_dataset_is_not_found_and_leaves_the_item_queued()
    {
        var category = SignalTestDrafts.UniqueCategory("nodataset");
        var draft = await SignalTestDrafts.CreateAsync(stack, category: category);
        using var agent = stack.ApiClient(Roles.Agent);
        await PostAsync(agent, $"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest("Completely different answer: call 555-0100.", null, null));
        await stack.WaitForScoresAsync(draft.TraceId, 3);
        using var manager = stack.ApiClient(Roles.Manager);

        using var unknown = await manager.PostAsJsonAsync($"/api/review-queue/{draft.TraceId}/add-to-dataset", new AddToDatasetRequest(null, "no-such-dataset-" + Guid.NewGuid().ToString("N"), null), Ct);
        using var neither = await manager.PostAsJsonAsync($"/api/review-queue/{draft.TraceId}/add-to-dataset", new AddToDatasetRequest(null, null, null), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        var page = (await manager.GetFromJsonAsync<ReviewQueuePage>($"/api/review-queue?category={category}", Ct))!;
        Assert.Equal([draft.TraceId], page.Items.Select(i => i.TraceId));
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<Guid> CreateDatasetAsync(string name)
    {
        var builder = new DbContextOptionsBuilder<SupportBotDbContext>()
            .UseNpgsql(stack.Postgres.ConnectionString, npgsql => npgsql.EnableRetryOnFailure());
        builder.UseSupportBotConventions();
        var options = builder.Options;
        await using var db = new SupportBotDbContext(options);
        var change = await new DatasetStore(db, TimeProvider.System).CreateAsync(name, "review queue test", null, [], "created", Ct);
        return change.DatasetId;
    }
}
