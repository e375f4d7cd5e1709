using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Alerts;
using SupportBot.Data.Categories;
using SupportBot.Data.Entities;

namespace SupportBot.Monitors.Alerts;

/// <summary>
/// The way back: when SupportBotFlagSpike fires for a customer-facing category, the bot stops answering there at once
/// (the category's pause switch, audited with the alert as its reason) until a manager resumes it. A resolved alert
/// resumes nothing: a person decides that. Offline and internal categories are left alone: no customer sees their replies.
/// </summary>
public sealed partial class FlagSpikePauseHandler(SupportBotDbContext db, CategoryPauseService pauses, ILogger<FlagSpikePauseHandler> logger) : IAlertEventHandler
{
    public const string AlertName = "SupportBotFlagSpike";

    public async Task HandleAsync(AlertEvent alertEvent, CancellationToken cancellationToken)
    {
        if (alertEvent.AlertName != AlertName || alertEvent.Status != "firing")
        {
            return;
        }

        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(alertEvent.Labels) ?? [];
        if (!labels.TryGetValue("category", out var category) || string.IsNullOrWhiteSpace(category))
        {
            LogNoCategory(logger, alertEvent.Fingerprint);
            return;
        }

        var phase = await db.Categories.AsNoTracking().Where(c => c.Name == category).Select(c => c.Phase).SingleOrDefaultAsync(cancellationToken);
        if (phase != CategoryPhases.CustomerFacing)
        {
            return;
        }

        var monitor = labels.GetValueOrDefault("monitor", "a monitor");
        var result = await pauses.PauseAsync(category, $"{AlertName}: flags of {monitor} spiked (alert {alertEvent.Fingerprint})", "alertmanager", PauseSources.Monitor, cancellationToken);
        if (result.Outcome == PauseOutcome.Changed)
        {
            LogPaused(logger, category, monitor);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paused category {Category}: {Monitor} flags spiked; a manager resumes it")]
    private static partial void LogPaused(ILogger logger, string category, string monitor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SupportBotFlagSpike alert {Fingerprint} has no category label; nothing paused")]
    private static partial void LogNoCategory(ILogger logger, string fingerprint);
}
