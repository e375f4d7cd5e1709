using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Data.Entities;
using SupportBot.Tests.Experiments;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>
/// Bad conversations feed the datasets: a conversation with a failed signal waits in the review queue with its
/// transcript, "add to dataset" makes a multi-turn item, and an experiment drafts it through the same pipeline with the
/// earlier turns as the conversation so far. Real API, worker, Postgres and Redis.
/// </summary>
public sealed class ConversationReviewTests(StackFixture stack)
{
    private const string ReviewerReply = "Hi,\n\nSorry for the repeat. The export is under Reports > Export; if the button is missing, your role lacks the export permission: ask an admin.\n\nBest, Sam";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_re_asked_conversation_is_queued_with_its_transcript_becomes_a_multi_turn_item_and_an_experiment_drafts_it_with_the_context()
    {
        var world = await ConversationWorld.CreateAsync(stack);
        using var channel = stack.ApiClient(Roles.Channel);
        var conversation = await ConversationWorld.StartAsync(channel);
        var first = await ConversationWorld.SendAsync(channel, conversation.Id, world.Question);
        var again = await ConversationWorld.SendAsync(channel, conversation.Id, world.Question);
        using (var closed = await channel.PostAsJsonAsync($"/api/conversations/{conversation.Id}/close", new CloseConversationRequest(false), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        Assert.Equal((ConversationOutcomes.Answered, ConversationOutcomes.Answered), (first.Outcome, again.Outcome));
        Assert.Equal(1, await world.ScoreAsync(first.TraceId!, "re_asked"));

        // 1. The review queue lists it, with the transcript and which answer each failed signal judged.
        using var manager = stack.ApiClient(Roles.Manager);
        var page = (await manager.GetFromJsonAsync<ConversationReviewPage>($"/api/review-queue/conversations?category={world.Category}", Ct))!;
        var item = Assert.Single(page.Items);
        Assert.Equal(1, page.Total);
        Assert.Equal(conversation.Id, item.ConversationId);
        Assert.Equal(["re-asked 1×", "customer said not resolved"], item.Reasons);
        Assert.Equal(["customer", "bot", "customer", "bot", "status"], item.Transcript.Select(m => m.Role));
        Assert.Equal(world.Question, item.Transcript[2].Text);
        Assert.Equal([(2, first.TraceId!), (4, again.TraceId!)], item.Answers.Select(a => (a.Sequence, a.TraceId)));
        Assert.Contains("re_asked", item.Answers[0].Failed);
        Assert.Contains("resolved", item.Answers[1].Failed);
        Assert.Contains(item.Answers[0].Scores, s => s.Name == "re_asked" && s.NumericValue == 1);

        // 2. Bad input: no expected output, a sequence that is not a bot answer, an unknown conversation; nothing is written.
        var datasetName = "conv-review-" + world.Seed.Marker;
        var dataset = await ExperimentApi.CreateDatasetAsync(manager, datasetName, null);
        await AssertFieldErrorAsync(manager, conversation.Id, new AddConversationToDatasetRequest(null, datasetName, " "), "expectedOutput");
        await AssertFieldErrorAsync(manager, conversation.Id, new AddConversationToDatasetRequest(null, datasetName, ReviewerReply, AnswerSequence: 3), "answerSequence");
        using (var unknown = await manager.PostAsJsonAsync($"/api/review-queue/conversations/{Guid.NewGuid()}/add-to-dataset",
            new AddConversationToDatasetRequest(null, datasetName, ReviewerReply), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var agent = stack.ApiClient(Roles.Agent))
        using (var forbidden = await agent.PostAsJsonAsync($"/api/review-queue/conversations/{conversation.Id}/add-to-dataset",
            new AddConversationToDatasetRequest(null, datasetName, ReviewerReply), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM dataset_items WHERE dataset_id = $1", dataset.DatasetId));

        // 3. "Add to dataset" with the second answer: the re-ask is the input, the first exchange the context.
        using var added = await manager.PostAsJsonAsync($"/api/review-queue/conversations/{conversation.Id}/add-to-dataset",
            new AddConversationToDatasetRequest(null, datasetName, ReviewerReply, AnswerSequence: 4, Note: "the bot repeated itself", FailureMode: "repeats itself"), Ct);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var decision = (await added.Content.ReadFromJsonAsync<ConversationReviewDecision>(Ct))!;
        Assert.Equal(("added", "dev-manager", again.TraceId, dataset.DatasetId, 2, 2), (decision.Status, decision.ReviewedBy, decision.TraceId, decision.DatasetId, decision.DatasetVersion, decision.ContextTurns));

        var items = (await manager.GetFromJsonAsync<List<DatasetItemView>>($"/api/datasets/{dataset.DatasetId}/versions/2/items", Ct))!;
        var datasetItem = Assert.Single(items);
        Assert.Equal((world.Question, world.Category, ReviewerReply, again.TraceId), (datasetItem.Body, datasetItem.Category, datasetItem.ExpectedOutput, datasetItem.SourceTraceId));
        Assert.Equal([new DatasetTurn("customer", world.Question), new DatasetTurn("bot", first.Reply!.Text)], datasetItem.Context);
        Assert.Equal(0, (await manager.GetFromJsonAsync<ConversationReviewPage>($"/api/review-queue/conversations?category={world.Category}", Ct))!.Total);
        using (var twice = await manager.PostAsJsonAsync($"/api/review-queue/conversations/{conversation.Id}/dismiss", new DismissRequest("again"), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        Assert.Equal(1L, await stack.ScalarAsync<long>("SELECT count(*) FROM trace_failure_modes WHERE trace_id = $1", again.TraceId!));

        // 4. An experiment over the dataset drafts the item through the one pipeline, with the two earlier turns as context.
        var run = await ExperimentApi.RunAsync(manager, new CreateExperimentRequest(datasetName));
        var results = (await manager.GetFromJsonAsync<List<ExperimentItemView>>($"/api/experiments/{run.Id}/items", Ct))!;
        var result = Assert.Single(results);
        Assert.Equal(ExperimentItemStatuses.Succeeded, result.Status);
        Assert.Contains("open Reports, choose Export", result.Output);
        var trace = (await manager.GetFromJsonAsync<TraceView>($"/api/traces/{result.TraceId}", Ct))!;
        Assert.Equal("experiment-item", trace.Name);
        var context = trace.Metadata.GetProperty("conversation");
        Assert.Equal((2, 2), (context.GetProperty("earlierTurns").GetInt32(), context.GetProperty("turn").GetInt32()));
        Assert.Contains(result.Scores, s => s.Key == "reference_f1" && s.Value is > 0);
    }

    [Fact]
    public async Task A_conversation_without_a_failed_signal_is_not_queued_and_a_dismissal_needs_a_note()
    {
        var world = await ConversationWorld.CreateAsync(stack);
        using var channel = stack.ApiClient(Roles.Channel);
        var fine = await ConversationWorld.StartAsync(channel);
        await ConversationWorld.SendAsync(channel, fine.Id, world.Question);
        using (await channel.PostAsJsonAsync($"/api/conversations/{fine.Id}/close", new CloseConversationRequest(true), Ct))
        {
        }

        var human = await ConversationWorld.StartAsync(channel);
        await ConversationWorld.SendAsync(channel, human.Id, world.Question);
        var handoff = await ConversationWorld.SendAsync(channel, human.Id, "That doesn't help. I want to talk to a real person please.");
        Assert.Equal(ConversationOutcomes.HandedOff, handoff.Outcome);

        using var manager = stack.ApiClient(Roles.Manager);
        var page = (await manager.GetFromJsonAsync<ConversationReviewPage>($"/api/review-queue/conversations?category={world.Category}", Ct))!;
        Assert.Equal([human.Id], page.Items.Select(i => i.ConversationId));
        Assert.Equal(["asked for a person"], page.Items[0].Reasons);
        Assert.Contains("asked_for_human", page.Items[0].Answers[0].Failed);

        using (var noNote = await manager.PostAsJsonAsync($"/api/review-queue/conversations/{human.Id}/dismiss", new DismissRequest(" "), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        }

        using var dismissed = await manager.PostAsJsonAsync($"/api/review-queue/conversations/{human.Id}/dismiss", new DismissRequest("wanted a person from the start"), Ct);
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal("dismissed", (await dismissed.Content.ReadFromJsonAsync<ConversationReviewDecision>(Ct))!.Status);
        Assert.Equal(0, (await manager.GetFromJsonAsync<ConversationReviewPage>($"/api/review-queue/conversations?category={world.Category}", Ct))!.Total);
        using var badPage = await manager.GetAsync("/api/review-queue/conversations?pageSize=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    private static async Task AssertFieldErrorAsync(HttpClient manager, Guid conversation, AddConversationToDatasetRequest request, string field)
    {
        using var response = await manager.PostAsJsonAsync($"/api/review-queue/conversations/{conversation}/add-to-dataset", request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"a field error on {field}");
    }
}
