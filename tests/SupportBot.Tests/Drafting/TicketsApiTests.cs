using System.Net;
using System.Net.Http.Json;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

public sealed class TicketsApiTests(StackFixture stack)
{
    private const string ExportReply = "Hi Anna,\n\nThe export moved to Reports: open Reports, choose Export, pick CSV. A download link arrives by email.\n\nBest, Sam";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ticket_gets_a_draft_with_classified_category_citation_and_a_complete_trace()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "exports-" + seed.Marker;
        var historical = await seed.TicketAsync(category, "Export button missing", "I cannot find the export button to download my tasks as CSV", ExportReply);
        await seed.TicketAsync(category, "CSV export gone", "Where did the CSV export go? I need to download tasks", ExportReply);
        await seed.ArticleAsync("export-data", category, "Exporting tasks to CSV", "Open Reports and choose Export to download your tasks as CSV.");
        using var integration = stack.ApiClient(Roles.Integration);

        using var response = await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest(
            $"live-{seed.Marker}", "Export is missing", $"Hi, the export button to download my tasks as CSV is gone. {seed.Words}", CustomerName: "Maria"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var draft = (await response.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
        Assert.True(draft.Created);
        Assert.False(draft.Handoff);
        Assert.Equal(category, draft.Category);
        Assert.Equal("classified", draft.CategorySource);
        // The vote over hybrid (vector + full-text) neighbours spreads a little wider than the full-text one did.
        Assert.True(draft.CategoryConfidence > 0.4, $"confidence {draft.CategoryConfidence}");
        Assert.StartsWith("Hi Maria,", draft.Text);
        Assert.Contains("open Reports, choose Export", draft.Text);
        var citation = Assert.Single(draft.Citations);
        Assert.Equal($"export-data-{seed.Marker}", citation.Slug);
        Assert.Equal(1, citation.Version);
        Assert.Equal("support-reply", draft.PromptName);
        Assert.Equal("supportbot-extractive-1", draft.Model);

        using var agent = stack.ApiClient(Roles.Agent);
        var stored = await agent.GetFromJsonAsync<DraftView>($"/api/drafts/{draft.DraftId}", Ct);
        Assert.Equal(draft.Text, stored!.Text);
        Assert.Equal(draft.TraceId, stored.TraceId);

        var trace = (await agent.GetFromJsonAsync<TraceView>($"/api/traces/{draft.TraceId}", Ct))!;
        Assert.Equal(32, trace.Id.Length);
        Assert.Equal(draft.TicketId, trace.TicketId);
        Assert.Equal(draft.DraftId, trace.DraftId);
        Assert.Equal(["retrieval", "classification", "retrieval", "generation"], trace.Observations.Select(o => o.Type));
        Assert.All(trace.Observations, o => Assert.Equal(16, o.SpanId.Length));
        var similar = trace.Observations[0].Output.EnumerateArray().Select(h => h.GetProperty("id").GetGuid());
        Assert.Contains(historical, similar);
        Assert.Equal(category, trace.Observations[1].Output.GetProperty("category").GetString());
        var articleOutput = trace.Observations[2].Output.EnumerateArray().First();
        Assert.Equal(1, articleOutput.GetProperty("version").GetInt32());
        Assert.Equal("supportbot-extractive-1", trace.Observations[3].Metadata.GetProperty("model").GetString());
        Assert.Equal(draft.PromptVersion, trace.Metadata.GetProperty("prompt").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Posting_the_same_external_id_again_returns_the_same_draft_and_stores_one_ticket()
    {
        var externalId = "dup-" + Guid.NewGuid().ToString("N");
        using var integration = stack.ApiClient(Roles.Integration);
        var request = new CreateTicketRequest(externalId, "Cannot log in", "I forgot my password and cannot log in.");

        using var first = await integration.PostAsJsonAsync("/api/tickets", request, Ct);
        using var second = await integration.PostAsJsonAsync("/api/tickets", request, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
        var b = (await second.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
        Assert.Equal(a.DraftId, b.DraftId);
        Assert.False(b.Created);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tickets WHERE external_id = $1", externalId));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM drafts d JOIN tickets t ON t.id = d.ticket_id WHERE t.external_id = $1", externalId));
    }

    [Fact]
    public async Task A_ticket_unlike_anything_resolved_is_handed_off()
    {
        using var integration = stack.ApiClient(Roles.Integration);
        var gibberish = string.Join(' ', Enumerable.Range(0, 6).Select(_ => "qx" + Guid.NewGuid().ToString("N")[..8]));

        using var response = await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest(null, gibberish, gibberish, Language: "en"), Ct);

        var draft = (await response.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
        Assert.True(draft.Handoff);
        Assert.Equal("no similar resolved ticket", draft.HandoffReason);
        Assert.Equal("uncategorized", draft.Category);
        Assert.StartsWith("sha256:", draft.ExternalId);
        Assert.Empty(draft.Citations);
    }

    [Fact]
    public async Task A_given_category_is_kept()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "given-" + seed.Marker;
        await seed.TicketAsync(category, "Invoice address", "Please change the address on my invoice", "Hi,\n\nDone, the next invoice shows it.\n\nBest, Kim");
        using var integration = stack.ApiClient(Roles.Integration);

        var draft = await (await integration.PostAsJsonAsync("/api/tickets",
            new CreateTicketRequest(null, "Invoice address change", $"Change the invoice address please {seed.Words}", Category: category), Ct))
            .Content.ReadFromJsonAsync<TicketDraftResponse>(Ct);

        Assert.Equal(category, draft!.Category);
        Assert.Equal("given", draft.CategorySource);
        Assert.Equal(1, draft.CategoryConfidence);
    }

    [Fact]
    public async Task Bad_fields_are_400_with_field_errors_and_nothing_is_written()
    {
        var externalId = "bad-" + Guid.NewGuid().ToString("N");
        using var integration = stack.ApiClient(Roles.Integration);

        using var response = await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest(
            externalId, new string('s', 1_001), " ", Category: "no-such-category-" + externalId, Language: "english"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["body", "category", "language", "subject"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("at most", errors.GetProperty("subject")[0].GetString());
        Assert.Contains("Unknown category", errors.GetProperty("category")[0].GetString());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tickets WHERE external_id = $1", externalId));
    }

    [Fact]
    public async Task Only_the_integration_role_may_post_tickets()
    {
        using var agent = stack.ApiClient(Roles.Agent);
        using var anonymous = stack.ApiClient();
        var request = new CreateTicketRequest("x", "s", "b");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/tickets", request, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/tickets", request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_draft_and_trace_are_404()
    {
        using var agent = stack.ApiClient(Roles.Agent);

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/drafts/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/traces/{new string('0', 32)}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Search_finds_the_seeded_ticket_and_article_and_rejects_an_empty_query()
    {
        var seed = new KnowledgeSeeder(stack);
        var ticket = await seed.TicketAsync("search-" + seed.Marker, "Webhook not firing", "Our webhook endpoint never receives events", "Hi,\n\nCheck the signing secret.\n\nBest, Kim");
        await seed.ArticleAsync("webhooks", "search-" + seed.Marker, "Webhooks", "How webhook deliveries and retries work.");
        using var agent = stack.ApiClient(Roles.Agent);

        var result = await agent.GetFromJsonAsync<SearchResponse>($"/api/search?q=webhook+events+{Uri.EscapeDataString(seed.Words)}&limit=3", Ct);

        Assert.Equal(ticket, result!.Tickets[0].Id);
        Assert.Equal($"webhooks-{seed.Marker}", result.Articles[0].Slug);
        Assert.InRange(result.Tickets[0].Score, 0.01, 1);
        using var empty = await agent.GetAsync("/api/search?q=", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.ReadJsonAsync()).GetProperty("errors").TryGetProperty("q", out _));
    }

    private Task<long> CountAsync(string sql, string parameter) => stack.ScalarAsync<long>(sql, parameter);
}

