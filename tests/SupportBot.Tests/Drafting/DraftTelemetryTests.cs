using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Drafting;
using SupportBot.Drafting.Pipeline;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

public sealed class DraftTelemetryTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_stored_trace_and_the_OpenTelemetry_spans_share_ids_and_carry_no_ticket_text()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DraftingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var secret = "secretword" + Guid.NewGuid().ToString("N")[..8];
        await using var host = new DraftingHost(stack);

        DraftResult result;
        await using (var scope = host.CreateScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<DraftingPipeline>().DraftAsync(
                new DraftInput("My password", $"I cannot reset my password {secret}", "en", null, "Ana"), new DraftOptions(), Ct);
        }

        var spans = activities.Where(a => a.TraceId.ToHexString() == result.TraceId).ToList();
        Assert.Contains(spans, s => s.OperationName == "draft" && s.Parent is null);
        var stepNames = new[] { "retrieve similar tickets", "classify", "retrieve help articles", "generate" };
        Assert.All(stepNames, name => Assert.Contains(spans, s => s.OperationName == name));
        Assert.Contains(spans, s => s.Tags.Any(t => t.Key == "gen_ai.operation.name"));

        await using var check = host.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<SupportBotDbContext>();
        var stored = await db.Observations.Where(o => o.TraceId == result.TraceId).ToListAsync(Ct);
        Assert.Equal(4, stored.Count);
        Assert.All(stored, o => Assert.Contains(spans, s => s.SpanId.ToHexString() == o.SpanId && s.OperationName == o.Name));

        var telemetryText = string.Join('\n', spans.SelectMany(s =>
            s.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")))
                .Append(s.DisplayName)));
        Assert.DoesNotContain(secret, telemetryText);
    }

    [Fact]
    public async Task Drafts_are_counted_per_category_on_the_metrics_endpoint()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "metrics-" + seed.Marker;
        await seed.TicketAsync(category, "Seat count", "How do I add seats to my plan", "Hi,\n\nOpen Billing, then Seats.\n\nBest, Kim");
        using var integration = stack.ApiClient(Roles.Integration);

        using var created = await integration.PostAsJsonAsync("/api/tickets",
            new CreateTicketRequest(null, "Adding seats", $"How can I add seats to our plan? {seed.Words}", Category: category), Ct);
        created.EnsureSuccessStatusCode();

        using var http = stack.ApiClient();
        // The exporter caches its scrape response briefly (Prometheus scrapes every second here).
        var metrics = await Eventually.ValueAsync(async () =>
            await http.GetStringAsync("/metrics", Ct) is { } text && text.Contains(category, StringComparison.Ordinal) ? text : null,
            TimeSpan.FromSeconds(60), "the draft's category on /metrics");
        Assert.Contains($"supportbot_drafts_created_total{{otel_scope_name=\"SupportBot.Drafting\",category=\"{category}\",handoff=\"false\"}} 1", metrics);
        Assert.Contains($"supportbot_draft_duration_seconds_count{{otel_scope_name=\"SupportBot.Drafting\",category=\"{category}\"}} 1", metrics);
    }
}
