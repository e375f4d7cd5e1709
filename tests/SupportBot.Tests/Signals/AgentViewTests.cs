using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Signals;

/// <summary>Agents see what they produce: scores on traces, outcomes on drafts, lists to find them, an edit preview.</summary>
public sealed class AgentViewTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sent_draft_shows_its_outcome_scores_and_is_found_by_its_ticket()
    {
        var category = SignalTestDrafts.UniqueCategory("view");
        var draft = await SignalTestDrafts.CreateAsync(stack, category: category);
        var waiting = await SignalTestDrafts.CreateAsync(stack, category: category);
        using var agent = stack.ApiClient(Roles.Agent);
        var sentText = draft.Text + "\n\nYou can also export from the mobile app.";
        using var preview = await agent.PostAsJsonAsync("/api/edits/classify", new ClassifyEditRequest(draft.Text, sentText), Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var classification = (await preview.Content.ReadFromJsonAsync<EditClassification>(Ct))!;
        Assert.Equal(0L, await stack.ScoreCountAsync(draft.TraceId));

        (await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(sentText, "agent-3", null), Ct)).Dispose();
        (await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("up", "Good start", null), Ct)).Dispose();
        await stack.WaitForScoresAsync(draft.TraceId, 4);
        await Eventually.ValueAsync(
            async () => await stack.ScalarAsync<int>("SELECT thumbs_up FROM draft_outcomes WHERE draft_id = $1", draft.DraftId) == 1 ? "ok" : null,
            TimeSpan.FromSeconds(60));

        var view = (await agent.GetFromJsonAsync<DraftView>($"/api/drafts/{draft.DraftId}", Ct))!;
        Assert.Equal(draft.ExternalId, view.TicketExternalId);
        Assert.NotNull(view.Outcome);
        Assert.Equal(sentText, view.Outcome.SentText);
        Assert.Equal("agent-3", view.Outcome.AgentId);
        Assert.Equal(1, view.Outcome.ThumbsUp);
        Assert.Equal("Good start", view.Outcome.LastComment);
        // The preview said what the worker recorded.
        Assert.Equal(classification.EditType, view.Outcome.EditType);
        Assert.Equal(classification.WordEditDistance, view.Outcome.WordEditDistance!.Value, 6);

        var trace = (await agent.GetFromJsonAsync<TraceView>($"/api/traces/{draft.TraceId}", Ct))!;
        Assert.Contains(trace.Scores!, s => s.Name == "edit_type" && s.StringValue == classification.EditType && s.Source == "signal");
        Assert.Contains(trace.Scores!, s => s.Name == "thumbs" && s.Comment == "Good start");

        var byExternalId = (await agent.GetFromJsonAsync<Page<DraftSummary>>($"/api/drafts?externalId={draft.ExternalId}", Ct))!;
        Assert.Equal(draft.DraftId, Assert.Single(byExternalId.Items).Id);
        var sent = (await agent.GetFromJsonAsync<Page<DraftSummary>>($"/api/drafts?category={category}&status=sent", Ct))!;
        Assert.Equal([draft.DraftId], sent.Items.Select(d => d.Id));
        var awaiting = (await agent.GetFromJsonAsync<Page<DraftSummary>>($"/api/drafts?category={category}&status=awaiting-send", Ct))!;
        Assert.Equal([waiting.DraftId], awaiting.Items.Select(d => d.Id));
        var firstPage = (await agent.GetFromJsonAsync<Page<DraftSummary>>($"/api/drafts?category={category}&limit=1", Ct))!;
        var secondPage = (await agent.GetFromJsonAsync<Page<DraftSummary>>($"/api/drafts?category={category}&limit=1&offset=1", Ct))!;
        Assert.Equal(2, firstPage.Total);
        Assert.NotEqual(Assert.Single(firstPage.Items).Id, Assert.Single(secondPage.Items).Id);

        var tickets = (await agent.GetFromJsonAsync<Page<TicketSummary>>($"/api/tickets?category={category}&status=awaiting-send", Ct))!;
        var ticket = Assert.Single(tickets.Items);
        Assert.Equal(waiting.TicketId, ticket.Id);
        Assert.Equal(waiting.DraftId, ticket.LatestDraftId);
        Assert.Null(ticket.SentAt);
        var sentTickets = (await agent.GetFromJsonAsync<Page<TicketSummary>>($"/api/tickets?externalId={draft.ExternalId}", Ct))!;
        Assert.NotNull(Assert.Single(sentTickets.Items).SentAt);
    }

    [Theory]
    [InlineData("/api/drafts?status=lost", "status")]
    [InlineData("/api/drafts?limit=0", "limit")]
    [InlineData("/api/tickets?limit=100000", "limit")]
    [InlineData("/api/tickets?offset=-1", "offset")]
    [InlineData("/api/tickets?source=email", "source")]
    public async Task Bad_list_filters_are_field_errors(string url, string field)
    {
        using var agent = stack.ApiClient(Roles.Agent);

        using var response = await agent.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_edit_preview_needs_both_texts_and_an_agent()
    {
        using var agent = stack.ApiClient(Roles.Agent);
        using var integration = stack.ApiClient(Roles.Integration);

        using var missing = await agent.PostAsJsonAsync("/api/edits/classify", new ClassifyEditRequest("Hello", " "), Ct);
        using var forbidden = await integration.PostAsJsonAsync("/api/edits/classify", new ClassifyEditRequest("Hello", "Hello"), Ct);
        using var unchanged = await agent.PostAsJsonAsync("/api/edits/classify", new ClassifyEditRequest("Hello there", "Hello there"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.ReadJsonAsync()).GetProperty("errors").TryGetProperty("sent", out _));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var none = (await unchanged.Content.ReadFromJsonAsync<EditClassification>(Ct))!;
        Assert.Equal("none", none.EditType);
        Assert.Equal(0, none.WordEditDistance);
    }
}
