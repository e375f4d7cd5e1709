using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Alerts;

/// <summary>
/// POST /api/alerts/webhook (Alertmanager's receiver, bearer token) and GET /api/alerts, on the
/// fixture's real API and Postgres; and one alert all the way through the real Alertmanager.
/// </summary>
public sealed class AlertWebhookTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Firing_then_resolved_events_are_stored_once_each_and_listed_with_filters()
    {
        var name = "TestAlert" + Guid.NewGuid().ToString("N")[..8];
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        using var webhook = WebhookClient();

        var firing = Payload("firing", Alert("firing", name, fingerprint, startsAt, null));
        var first = await (await webhook.PostAsJsonAsync("/api/alerts/webhook", firing, Ct)).Content.ReadFromJsonAsync<AlertWebhookResult>(Ct);
        // Alertmanager repeats a group's notification: nothing new is stored.
        var repeat = await (await webhook.PostAsJsonAsync("/api/alerts/webhook", firing, Ct)).Content.ReadFromJsonAsync<AlertWebhookResult>(Ct);
        var resolvedAt = DateTimeOffset.UtcNow;
        using var resolved = await webhook.PostAsJsonAsync("/api/alerts/webhook", Payload("resolved", Alert("resolved", name, fingerprint, startsAt, resolvedAt)), Ct);

        Assert.Equal(new AlertWebhookResult(1, 1), first);
        Assert.Equal(new AlertWebhookResult(1, 0), repeat);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        using var agent = stack.ApiClient(Roles.Agent);
        var all = await agent.GetFromJsonAsync<AlertEventPage>($"/api/alerts?alertname={name}", Ct);
        Assert.Equal(2, all!.Total);
        Assert.Equal(["resolved", "firing"], all.Items.Select(a => a.Status));
        var stored = all.Items[1];
        Assert.Equal(fingerprint, stored.Fingerprint);
        Assert.Equal("billing", stored.Labels["category"]);
        Assert.Equal("Drafts in billing need attention", stored.Annotations["summary"]);
        Assert.Equal(startsAt.ToUnixTimeMilliseconds(), stored.StartsAt.ToUnixTimeMilliseconds());
        Assert.Null(stored.EndsAt);
        Assert.Equal(resolvedAt.ToUnixTimeMilliseconds(), all.Items[0].EndsAt!.Value.ToUnixTimeMilliseconds());

        var onlyResolved = await agent.GetFromJsonAsync<AlertEventPage>($"/api/alerts?alertname={name}&status=resolved", Ct);
        Assert.Equal("resolved", Assert.Single(onlyResolved!.Items).Status);
        var byLabel = await agent.GetFromJsonAsync<AlertEventPage>($"/api/alerts?label=alertname:{name}&label=category:billing&pageSize=1", Ct);
        Assert.Equal(2, byLabel!.Total);
        Assert.Single(byLabel.Items);
        var otherLabel = await agent.GetFromJsonAsync<AlertEventPage>($"/api/alerts?label=alertname:{name}&label=category:shipping", Ct);
        Assert.Equal(0, otherLabel!.Total);
        var later = await agent.GetFromJsonAsync<AlertEventPage>($"/api/alerts?alertname={name}&since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}", Ct);
        Assert.Equal(0, later!.Total);
    }

    [Fact]
    public async Task The_webhook_needs_the_bearer_token()
    {
        var body = Payload("firing", Alert("firing", "Unauthorized" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString("N")[..16], DateTimeOffset.UtcNow, null));
        using var anonymous = stack.ApiClient();
        using var wrong = stack.ApiClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        using var apiKeyOnly = stack.ApiClient(Roles.Admin);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/alerts/webhook", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/api/alerts/webhook", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiKeyOnly.PostAsJsonAsync("/api/alerts/webhook", body, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bad_payload_is_400_with_field_errors_and_stores_nothing()
    {
        var name = "BadAlert" + Guid.NewGuid().ToString("N")[..8];
        using var webhook = WebhookClient();
        var body = Payload("firing",
            Alert("firing", name, Guid.NewGuid().ToString("N")[..16], DateTimeOffset.UtcNow, null),
            Alert("burning", name, "", DateTimeOffset.UtcNow, null));

        using var response = await webhook.PostAsJsonAsync("/api/alerts/webhook", body, Ct);
        using var notJson = await webhook.PostAsync("/api/alerts/webhook", new StringContent("{", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("alerts[1].status", out _));
        Assert.True(errors.TryGetProperty("alerts[1].fingerprint", out _));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using var agent = stack.ApiClient(Roles.Agent);
        Assert.Equal(0, (await agent.GetFromJsonAsync<AlertEventPage>($"/api/alerts?alertname={name}", Ct))!.Total);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/api/alerts?status=burning", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/api/alerts?label=nocolon", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_alert_sent_to_the_real_alertmanager_reaches_GET_api_alerts()
    {
        var name = "ThroughAlertmanager" + Guid.NewGuid().ToString("N")[..8];
        using var alertmanager = stack.AlertmanagerClient();
        using var posted = await alertmanager.PostAsJsonAsync("/api/v2/alerts", new[]
        {
            new
            {
                labels = new Dictionary<string, string> { ["alertname"] = name, ["severity"] = "warning", ["category"] = "billing" },
                annotations = new Dictionary<string, string> { ["summary"] = "sent by a test" },
                startsAt = DateTimeOffset.UtcNow,
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        using var agent = stack.ApiClient(Roles.Agent);
        var page = await Eventually.ValueAsync(
            async () => await agent.GetFromJsonAsync<AlertEventPage>($"/api/alerts?alertname={name}", Ct) is { Total: > 0 } found ? found : null,
            TimeSpan.FromSeconds(60), $"{name} delivered by Alertmanager");
        var stored = Assert.Single(page.Items);
        Assert.Equal("firing", stored.Status);
        Assert.Equal("sent by a test", stored.Annotations["summary"]);
        Assert.False(string.IsNullOrEmpty(stored.Fingerprint));
    }

    private HttpClient WebhookClient()
    {
        var client = stack.ApiClient();
        var token = File.ReadAllText(Path.Combine(stack.StateDirectory, "secrets", "alert-webhook-token")).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static object Payload(string status, params object[] alerts) => new
    {
        version = "4",
        status,
        receiver = "supportbot-api",
        groupKey = "{}:{alertname=\"test\"}",
        alerts,
    };

    private static object Alert(string status, string name, string fingerprint, DateTimeOffset startsAt, DateTimeOffset? endsAt) => new
    {
        status,
        labels = new Dictionary<string, string> { ["alertname"] = name, ["category"] = "billing", ["severity"] = "warning" },
        annotations = new Dictionary<string, string> { ["summary"] = "Drafts in billing need attention" },
        startsAt,
        endsAt = endsAt ?? DateTimeOffset.MinValue,
        generatorURL = "http://localhost:19090/graph",
        fingerprint,
    };
}
