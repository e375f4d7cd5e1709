using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>
/// A category of its own with resolved tickets and a help article carrying made-up words (so retrieval and
/// classification land on it whatever else is in the database), in the phase the test needs.
/// </summary>
public sealed class ConversationWorld(StackFixture stack, KnowledgeSeeder seed, string category)
{
    public const string ExportReply = "Hi Anna,\n\nThe export moved to Reports: open Reports, choose Export, pick CSV. A download link arrives by email.\n\nBest, Sam";
    public const string OfferReply = "Hi Anna,\n\nPlease open Reports, choose Export and pick CSV. Would you like the steps for Excel too?\n\nBest, Sam";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Category { get; } = category;
    public KnowledgeSeeder Seed { get; } = seed;
    public string Words => Seed.Words;
    public string Question => $"Hi, the export button to download my tasks as CSV is gone. {Words}";

    /// <param name="language">The resolved tickets' language: retrieval searches a conversation's own language.</param>
    public static async Task<ConversationWorld> CreateAsync(StackFixture stack, string phase = "customer-facing", string reply = ExportReply, string language = "en")
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "chat-" + seed.Marker;
        await seed.TicketAsync(category, "Export button missing", "I cannot find the export button to download my tasks as CSV", reply, language: language);
        await seed.TicketAsync(category, "CSV export gone", "Where did the CSV export go? I need to download tasks", reply, language: language);
        await seed.ArticleAsync("export-data", category, "Exporting tasks to CSV", "Open Reports and choose Export to download your tasks as CSV.");
        await stack.ExecuteAsync("UPDATE categories SET phase = $2 WHERE name = $1", category, phase);
        return new ConversationWorld(stack, seed, category);
    }

    public static async Task<ConversationView> StartAsync(HttpClient channel, string? name = "Maria", string language = "en")
    {
        using var response = await channel.PostAsJsonAsync("/api/conversations", new StartConversationRequest("cust-" + Guid.NewGuid().ToString("N")[..8], name, language), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConversationView>(Ct))!;
    }

    public static async Task<CustomerMessageResponse> SendAsync(HttpClient channel, Guid conversation, string text)
    {
        using var response = await channel.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new CustomerMessageRequest(text), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<CustomerMessageResponse>(Ct))!;
    }

    public async Task<ConversationView> TranscriptAsync(Guid conversation)
    {
        using var agent = stack.ApiClient(Roles.Agent);
        return (await agent.GetFromJsonAsync<ConversationView>($"/api/conversations/{conversation}", Ct))!;
    }

    /// <summary>The score's value on the trace, or -1 when there is none.</summary>
    public Task<double> ScoreAsync(string traceId, string name) =>
        stack.ScalarAsync<double>("SELECT coalesce(max(numeric_value), -1) FROM scores WHERE trace_id = $1 AND name = $2", traceId, name);
}
