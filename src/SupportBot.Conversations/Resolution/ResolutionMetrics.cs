using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;

namespace SupportBot.Conversations.Resolution;

/// <summary>
/// Meter "SupportBot.Resolution" (in the worker): the windowed resolution rates and the pause switch as gauges per
/// category, read from a snapshot <see cref="ResolutionRefresher"/> keeps fresh, so a scrape never touches the database.
/// A rate without conversations has no value at all: a 0 would read as "never resolves".
/// </summary>
public sealed class ResolutionMetrics
{
    public const string MeterName = "SupportBot.Resolution";

    private volatile IReadOnlyList<ResolutionView> _current = [];

    public ResolutionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        Rate(meter, "supportbot.resolution.containment", v => v.Containment, "Conversations the bot finished alone (never handed off) / all, over the window");
        Rate(meter, "supportbot.resolution.verified", v => v.VerifiedResolution,
            "Verified resolution: contained, no person asked for, no re-ask, not reopened, no monitor flag, not abandoned after a question, over the window");
        Rate(meter, "supportbot.resolution.handoff_rate", v => v.HandoffRate, "Conversations handed to the team / all, over the window");
        Rate(meter, "supportbot.resolution.reask_rate", v => v.ReAskRate, "Conversations with at least one re-ask / all, over the window");
        Rate(meter, "supportbot.resolution.reopen_rate", v => v.ReopenRate, "Conversations reopened within the reopen window / all, over the window");
        Rate(meter, "supportbot.resolution.abandon_rate", v => v.AbandonRate, "Conversations abandoned after a bot question or offer / all, over the window");
        meter.CreateObservableGauge("supportbot.resolution.conversations", () => _current.Select(v => new Measurement<int>(v.Conversations, Category(v.Category))),
            description: "Conversations (with a customer message) the rates are computed from, over the window");
        meter.CreateObservableGauge("supportbot.category.paused", () => _current.Select(v => new Measurement<int>(v.Paused ? 1 : 0, Category(v.Category))),
            description: "1 while the category's pause switch is set (its conversations go through the team), else 0");
    }

    public void Update(IReadOnlyList<ResolutionView> views) => _current = views;

    private void Rate(Meter meter, string name, Func<ResolutionView, double?> value, string description) =>
        meter.CreateObservableGauge(name, () =>
            from v in _current
            let x = value(v)
            where x is not null
            select new Measurement<double>(x.Value, Category(v.Category)), description: description);

    private static KeyValuePair<string, object?> Category(string category) => new("category", category);
}

/// <summary>Recomputes the resolution snapshot every <see cref="ConversationOptions.ResolutionRefreshInterval"/>.</summary>
public sealed partial class ResolutionRefresher(IServiceScopeFactory scopes, ResolutionMetrics metrics, IOptions<ConversationOptions> options, ILogger<ResolutionRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ResolutionRefreshInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                metrics.Update(await scope.ServiceProvider.GetRequiredService<ResolutionQuery>().ComputeAsync(null, stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resolution gauges could not be refreshed; keeping the last values")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
