using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Alerts;

/// <summary>A firing SupportBotFlagSpike reaching the API's alert webhook pauses its customer-facing category, audited; other phases are left alone.</summary>
public sealed class FlagSpikePauseTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flag_spike_pauses_a_customer_facing_category_once_and_leaves_internal_ones_alone()
    {
        var live = await stack.NewCategoryAsync("spike", "customer-facing");
        var internalOnly = await stack.NewCategoryAsync("spike", "internal");
        using var webhook = stack.ApiClient();
        var token = File.ReadAllText(Path.Combine(stack.StateDirectory, "secrets", "alert-webhook-token")).Trim();
        webhook.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        foreach (var category in new[] { live, internalOnly })
        {
            using var response = await webhook.PostAsJsonAsync("/api/alerts/webhook", Payload(category, Guid.NewGuid().ToString("N")[..16]), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // A second spike while paused changes nothing and audits nothing.
        using (var again = await webhook.PostAsJsonAsync("/api/alerts/webhook", Payload(live, Guid.NewGuid().ToString("N")[..16]), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal("monitor", await stack.ScalarAsync<string>("SELECT source FROM category_pauses WHERE category = $1", live));
        Assert.Contains("unauthorized_commitment", await stack.ScalarAsync<string>("SELECT reason FROM category_pauses WHERE category = $1", live));
        Assert.Equal(1L, await stack.ScalarAsync<long>("SELECT count(*) FROM category_pause_changes WHERE category = $1 AND action = 'pause'", live));
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM category_pauses WHERE category = $1", internalOnly));
    }

    private static object Payload(string category, string fingerprint) => new
    {
        version = "4",
        status = "firing",
        receiver = "supportbot-api",
        groupKey = "{}:{alertname=\"SupportBotFlagSpike\"}",
        alerts = new[]
        {
            new
            {
                status = "firing",
                labels = new Dictionary<string, string> { ["alertname"] = "SupportBotFlagSpike", ["category"] = category, ["monitor"] = "unauthorized_commitment", ["severity"] = "critical" },
                annotations = new Dictionary<string, string> { ["summary"] = "flag spike" },
                startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
                endsAt = DateTimeOffset.MinValue,
                generatorURL = "http://localhost:19090/graph",
                fingerprint,
            },
        },
    };
}
