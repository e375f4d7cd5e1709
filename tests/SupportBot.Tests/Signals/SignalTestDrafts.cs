using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Signals;

/// <summary>Fresh drafts through the real ticket endpoint, and waits on what the worker writes for them.</summary>
public static class SignalTestDrafts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="category">A category of the test's own (made if missing), so hourly stats can be asserted exactly.</param>
    public static async Task<TicketDraftResponse> CreateAsync(StackFixture stack, string body = "I cannot find the CSV export of my tasks, where did it go?", string? category = null)
    {
        if (category is not null)
        {
            await stack.ExecuteAsync("INSERT INTO categories (name, phase, created_at) VALUES ($1, 'offline', now()) ON CONFLICT DO NOTHING", category);
        }

        using var integration = stack.ApiClient(Roles.Integration);
        var marker = Guid.NewGuid().ToString("N")[..12];
        using var response = await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest($"signals-{marker}", $"Help needed {marker}", $"{body} ({marker})", category), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
    }

    public static string UniqueCategory(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    public static async Task<long> ScoreCountAsync(this StackFixture stack, string traceId) =>
        await stack.ScalarAsync<long>("SELECT count(*) FROM scores WHERE trace_id = $1 AND source = 'signal'", traceId);

    /// <summary>Waits until the trace carries at least <paramref name="count"/> signal scores.</summary>
    public static async Task WaitForScoresAsync(this StackFixture stack, string traceId, long count, TimeSpan? timeout = null) =>
        await Eventually.ValueAsync(
            async () => await stack.ScoreCountAsync(traceId) >= count ? "done" : null,
            timeout ?? TimeSpan.FromSeconds(60),
            $"{count} signal scores on trace {traceId}");
}
