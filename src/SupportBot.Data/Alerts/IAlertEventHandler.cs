namespace SupportBot.Data.Alerts;

/// <summary>
/// Acts on an alert event once it is stored (e.g. pause a category when SupportBotFlagSpike fires).
/// Every registered handler is called for every newly stored event, in registration order; a
/// handler that throws is logged and skipped, it never fails the webhook or the other handlers.
/// Register with <c>services.AddScoped&lt;IAlertEventHandler, MyHandler&gt;()</c>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Not a .NET event handler: the name other features register against (monitors pause a category on SupportBotFlagSpike).")]
public interface IAlertEventHandler
{
    Task HandleAsync(AlertEvent alertEvent, CancellationToken cancellationToken);
}
