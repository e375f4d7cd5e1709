using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using StackExchange.Redis;
using SupportBot.Contracts;
using SupportBot.Monitors;
using SupportBot.Signals;
using SupportBot.Tests.Foundation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.ScaleOut;

/// <summary>
/// A stack of its own with 2 api and 3 worker replicas (`--replicas api=2,evalworker=3`): every replica is scraped by
/// Prometheus under its stable name, each worker reads the streams as a consumer of its own, a revoked key is refused by
/// every api replica within seconds (Redis pub/sub, not the 30 s cache), and sent replies and thumbs posted through the api's proxy while one worker is SIGKILLed
/// and started again are each stored exactly once: outcomes, hourly stats, signal scores and monitor checks.
/// </summary>
public sealed class ReplicaTests
{
    private const int Drafts = 24;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_api_and_three_worker_replicas_store_every_event_exactly_once_while_a_worker_is_killed_and_restarted()
    {
        using var ownStack = await OwnStacks.EnterAsync(TestContext.Current.CancellationToken);
        var state = TestState.NewDirectory("replicas");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(12));
            await using var app = await StackFixture.StartAsync([.. StackFixture.AppHostArguments(state), "--replicas", "api=2,evalworker=3"], timeout.Token);
            var replicas = await HealthyReplicasAsync(app, timeout.Token);
            Assert.Equal(2, replicas.Count(r => r.Resource == "api"));
            Assert.Equal(3, replicas.Count(r => r.Resource == "evalworker"));

            var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(state, "dev-keys.json"), Ct))!;
            HttpClient Api(string role)
            {
                var client = new HttpClient { BaseAddress = new Uri(app.GetEndpoint("api", "http").ToString()), Timeout = TimeSpan.FromSeconds(60) };
                client.DefaultRequestHeaders.Add("X-Api-Key", keys[role]);
                return client;
            }

            // Prometheus scrapes each replica under its stable name, not DCP's proxy (which would alternate between them).
            using var prometheus = new HttpClient { BaseAddress = new Uri(app.GetEndpoint("prometheus", "http").ToString()), Timeout = TimeSpan.FromSeconds(30) };
            var up = await Eventually.ValueAsync(async () =>
                    await prometheus.QueryAsync("up{job=~\"api|evalworker\"} == 1") is { Count: 5 } rows ? rows : null,
                TimeSpan.FromMinutes(2), "5 replicas up in Prometheus");
            Assert.Equal(["api-0", "api-1", "evalworker-0", "evalworker-1", "evalworker-2"],
                up.Select(r => r.GetProperty("metric").GetProperty("replica").GetString()).Order());

            await using var redis = await ConnectionMultiplexer.ConnectAsync(await app.GetConnectionStringAsync(ConnectionNames.Cache, Ct) ?? "");
            var db = redis.GetDatabase();
            var signalConsumers = await Eventually.ValueAsync(async () =>
                    (await db.StreamConsumerInfoAsync(new SignalOptions().StreamName, new SignalOptions().GroupName)).Select(c => (string)c.Name!).Order().ToList() is { Count: 3 } names ? names : null,
                TimeSpan.FromMinutes(1), "3 signal consumers");
            Assert.Equal(["evalworker-0", "evalworker-1", "evalworker-2"], signalConsumers);

            // A key revoked through one replica is refused by both at once (Redis pub/sub), not after the 30 s cache.
            using var admin = Api(Roles.Admin);
            using var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest("replica-probe", Roles.Agent), Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var probeKey = (await created.Content.ReadFromJsonAsync<CreatedApiKey>(Ct))!;
            using var probe = new HttpClient { BaseAddress = admin.BaseAddress };
            probe.DefaultRequestHeaders.Add("X-Api-Key", probeKey.Key);
            for (var i = 0; i < 6; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/api/me", Ct)).StatusCode); // both replicas cache it
            }

            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{probeKey.Id}", Ct)).StatusCode);
            var revokedAt = DateTimeOffset.UtcNow;
            await Eventually.ValueAsync(async () =>
            {
                for (var i = 0; i < 6; i++)
                {
                    using var me = await probe.GetAsync("/api/me", Ct);
                    if (me.StatusCode != HttpStatusCode.Unauthorized)
                    {
                        return null;
                    }
                }

                return "refused by both";
            }, TimeSpan.FromSeconds(15), "both api replicas refusing the revoked key");
            // Well inside the 30 s a replica caches a key for: the pub/sub announcement, not the cache expiry.
            Assert.True(DateTimeOffset.UtcNow - revokedAt < TimeSpan.FromSeconds(15));

            // Drafts through both api replicas, then the team's replies and thumbs while one worker dies mid-stream.
            var category = $"replicas-{Guid.NewGuid():N}"[..24];
            var connection = await app.GetConnectionStringAsync("postgres", Ct) ?? "";
            await StackSql.ExecuteAsync(connection, "INSERT INTO categories (name, phase, created_at) VALUES ($1, 'internal', now()) ON CONFLICT DO NOTHING", category);
            using var integration = Api(Roles.Integration);
            using var agent = Api(Roles.Agent);
            var drafts = new List<TicketDraftResponse>();
            for (var i = 0; i < Drafts; i++)
            {
                using var response = await integration.PostAsJsonAsync("/api/tickets",
                    new CreateTicketRequest($"replica-{category}-{i}", "CSV export", $"Where did the CSV export of my tasks go? ({i})", category), Ct);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                drafts.Add((await response.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!);
            }

            var victim = replicas.Single(r => r.Name == "evalworker-1");
            async Task SendAsync(TicketDraftResponse draft)
            {
                using var sent = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent", new SentReplyRequest(draft.Text + " Also see Settings > Export.", "sam", null), Ct);
                Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
                using var thumb = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/feedback", new DraftFeedbackRequest("up", "fine", "sam"), Ct);
                Assert.Equal(HttpStatusCode.Accepted, thumb.StatusCode);
            }

            foreach (var draft in drafts.Take(Drafts / 2))
            {
                await SendAsync(draft);
            }

            foreach (var pid in ProcessTree.Descendants(victim.Pid).Append(victim.Pid))
            {
                Kill(pid);
            }

            foreach (var draft in drafts.Skip(Drafts / 2))
            {
                await SendAsync(draft);
            }

            await app.ResourceNotifications.WaitForResourceAsync("evalworker",
                e => e.ResourceId == victim.Id && e.Snapshot.State?.Text is "Exited" or "Finished", timeout.Token);
            var restart = await app.ResourceCommands.ExecuteCommandAsync(victim.Id, KnownResourceCommands.StartCommand, timeout.Token);
            Assert.True(restart.Success, restart.Message);
            await app.ResourceNotifications.WaitForResourceAsync("evalworker",
                e => e.ResourceId == victim.Id && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, timeout.Token);

            // Everything arrives (the restarted replica takes back what it had read; the others claim it after the idle time)...
            const string Stats = "SELECT coalesce(sum(sent), 0)::int || '/' || coalesce(sum(thumbs_up), 0)::int FROM category_signal_stats WHERE category = $1";
            await Eventually.ValueAsync(async () => await StackSql.ScalarAsync<string>(connection, Stats, category) == $"{Drafts}/{Drafts}" ? "all" : null,
                TimeSpan.FromMinutes(3), $"{Drafts} sent and {Drafts} thumbs in the hourly stats");
            var ids = drafts.Select(d => d.DraftId).ToArray();
            await Eventually.ValueAsync(async () =>
                    await StackSql.ScalarAsync<long>(connection, "SELECT count(*) FROM checked_replies WHERE reply_id = ANY($1)", ids) >= Drafts ? "checked" : null,
                TimeSpan.FromMinutes(3), "every sent reply checked by the monitors");
            await Eventually.ValueAsync(async () => await PendingAsync(db) == 0 ? "drained" : null, TimeSpan.FromMinutes(2), "no pending stream entries");

            // ... and nothing twice.
            Assert.Equal($"{Drafts}/{Drafts}", await StackSql.ScalarAsync<string>(connection, Stats, category));
            Assert.Equal(Drafts, await StackSql.ScalarAsync<long>(connection, "SELECT count(*) FROM draft_outcomes WHERE draft_id = ANY($1) AND sent_text IS NOT NULL AND thumbs_up = 1", ids));
            Assert.Equal(Drafts, await StackSql.ScalarAsync<long>(connection, "SELECT count(*) FROM checked_replies WHERE reply_id = ANY($1)", ids));
            var traces = drafts.Select(d => d.TraceId).ToArray();
            Assert.Equal(0, await StackSql.ScalarAsync<long>(connection,
                "SELECT count(*) FROM (SELECT trace_id, name FROM scores WHERE trace_id = ANY($1) AND source = 'signal' GROUP BY 1, 2 HAVING count(*) > 1) twice", (object)traces));
            Assert.Equal(Drafts, await StackSql.ScalarAsync<long>(connection, "SELECT count(DISTINCT trace_id) FROM scores WHERE trace_id = ANY($1) AND source = 'signal'", (object)traces));
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    private sealed record Replica(string Resource, string Id, string Name, int Pid);

    /// <summary>Every replica of api and evalworker once healthy, with its stable name (from its environment) and pid.</summary>
    private static async Task<List<Replica>> HealthyReplicasAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var healthy = new ConcurrentDictionary<string, Replica>();
        await foreach (var e in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (e.Resource.Name is "api" or "evalworker"
                && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                && e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid)
            {
                var id = Convert.ToInt32(pid, CultureInfo.InvariantCulture);
                healthy[e.ResourceId] = new Replica(e.Resource.Name, e.ResourceId, ReplicaName(id), id);
            }

            if (healthy.Count == 5)
            {
                return [.. healthy.Values];
            }
        }

        throw new OperationCanceledException();
    }

    /// <summary>The Metrics__Replica the AppHost gave the process (or its `dotnet` child), as DCP filled it in.</summary>
    private static string ReplicaName(int pid)
    {
        foreach (var process in ProcessTree.Descendants(pid).Prepend(pid))
        {
            try
            {
                var variables = File.ReadAllText($"/proc/{process}/environ").Split('\0');
                if (variables.FirstOrDefault(v => v.StartsWith("Metrics__Replica=", StringComparison.Ordinal)) is { } line)
                {
                    return line["Metrics__Replica=".Length..];
                }
            }
            catch (IOException)
            {
            }
        }

        return "";
    }

    private static async Task<long> PendingAsync(IDatabase db)
    {
        var signals = await db.StreamPendingAsync(new SignalOptions().StreamName, new SignalOptions().GroupName);
        var monitors = await db.StreamPendingAsync(new MonitorOptions().StreamName, new MonitorOptions().GroupName);
        return signals.PendingMessageCount + monitors.PendingMessageCount;
    }

    private static void Kill(int pid)
    {
        try
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
