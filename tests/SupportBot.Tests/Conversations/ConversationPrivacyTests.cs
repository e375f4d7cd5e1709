using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportBot.Contracts;
using SupportBot.Conversations;
using SupportBot.Conversations.Chat;
using SupportBot.Data;
using SupportBot.Data.HelpCenter;
using SupportBot.Drafting;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>
/// No customer text in telemetry or logs: a conversation's messages (an answer, a re-ask judged with the embedding model,
/// a request for a person that hands off) go through the services as the API composes them, with every log line down to
/// Debug and every span of every ActivitySource captured; none carries the customer's words.
/// </summary>
public sealed class ConversationPrivacyTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Customer_messages_leave_no_text_in_logs_or_spans()
    {
        var world = await ConversationWorld.CreateAsync(stack);
        var secret = "zorblat" + Guid.NewGuid().ToString("N")[..8];
        var logs = new ConcurrentQueue<string>();
        var spans = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Enqueue(string.Join('\n', a.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(a.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Append(e.Name))).Append(a.DisplayName))),
        };
        ActivitySource.AddActivityListener(listener);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ConnectionNames.Database}"] = stack.Postgres.ConnectionString,
            [$"ConnectionStrings:{ConnectionNames.Cache}"] = stack.Redis.ConnectionString,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new CapturingLoggerProvider(logs));
        builder.AddSupportBotDatabase();
        builder.AddSupportBotRedisClient(ConnectionNames.Cache);
        builder.AddDraftingPipeline();
        builder.AddHelpCenter();
        builder.AddConversations();
        using var host = builder.Build();

        ConversationView conversation;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            conversation = await scope.ServiceProvider.GetRequiredService<ConversationService>().StartAsync("dev-channel", "cust-privacy", "Maria", "en", Ct);
        }

        var question = $"{world.Question} {secret}";
        string[] outcomes = [];
        foreach (var text in new[] { question, question, $"Please let me talk to a real person about {secret}" })
        {
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<CustomerMessages>().PostAsync(conversation.Id, text, Ct);
            outcomes = [.. outcomes, result.Value!.Outcome];
        }

        Assert.Equal([ConversationOutcomes.Answered, ConversationOutcomes.Answered, ConversationOutcomes.HandedOff], outcomes);
        Assert.NotEmpty(logs);
        Assert.Contains(spans, s => s.Contains("conversation-answer", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(spans, s => s.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {state} {exception}");
        }
    }
}
