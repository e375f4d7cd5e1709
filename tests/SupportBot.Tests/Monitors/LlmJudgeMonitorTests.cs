using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using SupportBot.Contracts;
using SupportBot.Monitors;
using SupportBot.Monitors.Checking;
using SupportBot.Monitors.Judge;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Monitors;

/// <summary>
/// llm_judge against an in-test OpenAI-compatible endpoint, its daily budget counted in the stack's real Redis: it runs
/// only when configured, its findings are flags with the quoted evidence, and past the budget it is skipped and counted
/// while the embedded monitors still run.
/// </summary>
public sealed class LlmJudgeMonitorTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Reply = "Hi Sam, sure, we'll refund the whole year. Honestly our app is a joke.";
    private const string JudgeAnswer = """{"flags": [{"category": "unauthorized_commitment", "severity": "high", "quote": "we'll refund the whole year", "reason": "promises a refund"}, {"category": "not_a_kind", "quote": "x"}]}""";

    [Fact]
    public void Without_a_judge_endpoint_only_the_embedded_monitors_are_registered()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        JudgeRegistration.Add(builder);
        Assert.DoesNotContain(builder.Services, s => s.ServiceType == typeof(IReplyMonitor));

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Monitors:Judge:BaseUrl"] = "http://127.0.0.1:1/v1", ["Monitors:Judge:Model"] = "judge-1" });
        JudgeRegistration.Add(builder);
        Assert.Contains(builder.Services, s => s.ServiceType == typeof(IReplyMonitor));
    }

    [Fact]
    public async Task The_judges_findings_are_flags_with_their_quote_as_evidence()
    {
        var requests = new List<(string?, JsonElement)>();
        await using var server = await FakeChatCompletions.StartAsync(requests, _ => JudgeAnswer);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        using var services = Build(server, redis, calls: 10, tokens: 0);

        var result = await services.GetRequiredService<MonitorSuite>().CheckAsync(new ReplyToCheck("Refund me", Reply, "billing", "en", "Sam", [], []), Ct);

        var judged = Assert.Single(result.Flags, f => f.Monitor == MonitorNames.LlmJudge);
        Assert.Equal("unauthorized_commitment", judged.Kind);
        Assert.Equal(FlagSeverities.High, judged.Severity);
        Assert.Equal("we'll refund the whole year", Reply[judged.Evidence.Start..judged.Evidence.End]);
        Assert.Contains(MonitorNames.LlmJudge, result.MonitorsRun);
        Assert.Contains(result.Flags, f => f.Monitor == MonitorNames.Rudeness); // the embedded monitors ran too
        var (_, body) = Assert.Single(requests);
        var messages = body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()!).ToList();
        Assert.Contains("prompt_injection", messages[0], StringComparison.Ordinal);
        Assert.Contains(Reply, messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_daily_call_budget_the_judge_is_skipped_and_counted_and_the_embedded_monitors_still_flag()
    {
        var requests = new List<(string?, JsonElement)>();
        await using var server = await FakeChatCompletions.StartAsync(requests, _ => """{"flags": []}""");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        using var services = Build(server, redis, calls: 2, tokens: 0);
        using var skips = new SkipCounter();
        var suite = services.GetRequiredService<MonitorSuite>();

        var results = new List<MonitorCheckResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await suite.CheckAsync(new ReplyToCheck("Refund me", Reply, "billing", "en", "Sam", [], []), Ct));
        }

        Assert.Equal(2, requests.Count);
        Assert.All(results.Take(2), r => Assert.Contains(MonitorNames.LlmJudge, r.MonitorsRun));
        Assert.All(results.Skip(2), r =>
        {
            Assert.Contains(MonitorNames.LlmJudge, r.MonitorsSkipped);
            Assert.Contains(r.Flags, f => f.Monitor == MonitorNames.UnauthorizedCommitment);
        });
        Assert.Equal(2, skips.Count("daily_calls"));
    }

    [Fact]
    public async Task The_token_budget_stops_the_judge_once_the_reported_usage_reaches_it()
    {
        var requests = new List<(string?, JsonElement)>();
        await using var server = await FakeChatCompletions.StartAsync(requests, _ => """{"flags": []}""", promptTokens: 200, completionTokens: 20);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString);
        using var services = Build(server, redis, calls: 100, tokens: 400);
        var suite = services.GetRequiredService<MonitorSuite>();

        var skipped = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            skipped.Add((await suite.CheckAsync(new ReplyToCheck("hi", "Hello, the export is under Settings.", null, "en", null, [], []), Ct)).MonitorsSkipped.Contains(MonitorNames.LlmJudge));
        }

        Assert.Equal([false, false, true], skipped); // 0, then 220 tokens spent: below 400; 440: past it
        var (calls, tokens) = await services.GetRequiredService<JudgeBudget>().SpentTodayAsync();
        Assert.Equal(440, tokens);
        Assert.Equal(2, calls);
    }

    private static ServiceProvider Build(FakeChatCompletions server, IConnectionMultiplexer redis, int calls, long tokens) =>
        MonitorHarness.Build(services =>
        {
            services.AddSingleton(redis);
            services.AddSingleton(TimeProvider.System);
            services.Configure<MonitorOptions>(o =>
            {
                o.Judge.BaseUrl = server.Url + "/v1";
                o.Judge.Model = "judge-1";
                o.Judge.DailyCallBudget = calls;
                o.Judge.DailyTokenBudget = tokens;
                o.Judge.BudgetKeyPrefix = $"test:judge:{Guid.NewGuid():N}"; // a budget of its own, whatever else runs today
            });
            services.AddJudge();
        });

    /// <summary>Listens to supportbot.monitor.skipped of this process.</summary>
    private sealed class SkipCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _reasons = [];

        public SkipCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MonitorMetrics.MeterName && instrument.Name == "supportbot.monitor.skipped")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason")
                    {
                        lock (_reasons)
                        {
                            _reasons.Add((string)tag.Value!);
                        }
                    }
                }
            });
            _listener.Start();
        }

        public int Count(string reason)
        {
            lock (_reasons)
            {
                return _reasons.Count(r => r == reason);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
