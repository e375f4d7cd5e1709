using System.Globalization;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Foundation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Gates;

/// <summary>The worker's SupportBot.Gates gauges, as Prometheus scrapes them from the real worker.</summary>
public sealed class GateGaugeTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gate_gauges_report_what_the_gates_api_reports()
    {
        var category = await stack.NewCategoryAsync("gauge", "internal");
        await stack.SeedStatsAsync(category, DateTimeOffset.UtcNow, sent: 40, edited: 10, corrected: 2, wordEditDistanceSum: 6, thumbsUp: 15, thumbsDown: 5);
        using var prometheus = stack.PrometheusClient();

        Assert.Equal(0.25, await GaugeAsync(prometheus, $"supportbot_gate_edited_share{{category=\"{category}\"}}"), 9);
        Assert.Equal(0.05, await GaugeAsync(prometheus, $"supportbot_gate_corrected_share{{category=\"{category}\"}}"), 9);
        Assert.Equal(0.15, await GaugeAsync(prometheus, $"supportbot_gate_mean_edit_distance{{category=\"{category}\"}}"), 9);
        Assert.Equal(0.75, await GaugeAsync(prometheus, $"supportbot_gate_thumbs_up_share{{category=\"{category}\"}}"), 9);
        Assert.Equal(40, await GaugeAsync(prometheus, $"supportbot_gate_sample_size{{category=\"{category}\",kind=\"sent\"}}"));
        Assert.Equal(20, await GaugeAsync(prometheus, $"supportbot_gate_sample_size{{category=\"{category}\",kind=\"feedback\"}}"));
        Assert.Equal(0, await GaugeAsync(prometheus, $"supportbot_gate_ready{{category=\"{category}\"}}"));
        Assert.Equal(1, await GaugeAsync(prometheus, $"supportbot_category_phase{{category=\"{category}\",phase=\"internal\"}}"));
        Assert.Equal(0, await GaugeAsync(prometheus, $"supportbot_category_phase{{category=\"{category}\",phase=\"customer-facing\"}}"));

        using var agent = stack.ApiClient(Roles.Agent);
        var gate = await agent.GetFromJsonAsync<CategoryGateView>($"/api/gates/{category}", Ct);
        Assert.Equal(0.25, gate!.Checks.Single(c => c.Name == "edited_share").Value!.Value, 9);
    }

    [Fact]
    public async Task Review_queue_counts_unreviewed_corrected_heavily_edited_or_thumbed_down_drafts()
    {
        var category = await stack.NewCategoryAsync("queue", "internal");
        using var integration = stack.ApiClient(Roles.Integration);
        // (edit type, word edit distance, thumbs down, review status): three need review.
        (string, double, int, string?)[] outcomes =
        [
            ("corrected", 0.1, 0, null), ("tone", 0.8, 0, null), ("none", 0, 1, null),
            ("none", 0, 0, null), ("tone", 0.2, 0, null), ("corrected", 0.9, 1, "dismissed"),
        ];
        foreach (var (editType, distance, thumbsDown, review) in outcomes)
        {
            var draft = await DraftAsync(integration, category);
            await stack.ExecuteAsync(
                """
                INSERT INTO draft_outcomes (draft_id, trace_id, category, sent_at, edit_type, word_edit_distance, thumbs_up, thumbs_down, review_status, updated_at)
                VALUES ($1, $2, $3, now(), $4, $5, 0, $6, $7, now())
                """,
                draft.DraftId, draft.TraceId, category, editType, distance, thumbsDown, (object?)review ?? DBNull.Value);
        }

        using var prometheus = stack.PrometheusClient();
        Assert.Equal(3, await GaugeAsync(prometheus, $"supportbot_review_queue_size{{category=\"{category}\"}}", expected: 3));
    }

    private static async Task<TicketDraftResponse> DraftAsync(HttpClient integration, string category)
    {
        using var response = await integration.PostAsJsonAsync("/api/tickets",
            new CreateTicketRequest($"gauge-{Guid.NewGuid():N}", "Export button missing", "Where did the CSV export go?", category), Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
    }

    /// <summary>Waits until the series exists (and equals <paramref name="expected"/> when given): the worker refreshes, then Prometheus scrapes.</summary>
    private static async Task<double> GaugeAsync(HttpClient prometheus, string query, double? expected = null)
    {
        var value = await Eventually.ValueAsync(async () =>
            await prometheus.QueryAsync(query) is [var row]
            && double.Parse(row.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) is var v
            && (expected is null || v == expected) ? (object)v : null,
            TimeSpan.FromSeconds(60), query);
        return (double)value;
    }
}
