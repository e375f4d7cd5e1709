using System.Diagnostics.Metrics;
using SupportBot.Contracts;

namespace SupportBot.Conversations;

/// <summary>
/// Meter "SupportBot.Conversations" (counters, in the API): conversations started, customer messages by outcome,
/// hand-offs by reason kind, implicit signals, and the answer time without the model. Labels are categories and fixed
/// kinds only: never customer text or ids.
/// </summary>
public sealed class ConversationMetrics
{
    public const string MeterName = "SupportBot.Conversations";
    private const string None = "none";

    private readonly Counter<long> _started;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _handoffs;
    private readonly Counter<long> _signals;
    private readonly Counter<long> _closed;
    private readonly Histogram<double> _answerSeconds;

    public ConversationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _started = meter.CreateCounter<long>("supportbot.conversations.started", description: "Conversations opened by a chat channel");
        _messages = meter.CreateCounter<long>("supportbot.conversations.messages",
            description: "Customer messages by outcome: answered (by the bot), handed_off (this message), with_team (already handed off)");
        _handoffs = meter.CreateCounter<long>("supportbot.conversations.handoffs", description: "Conversations handed to the team, by reason kind");
        _signals = meter.CreateCounter<long>("supportbot.conversations.signals",
            description: "Implicit signals that fired: asked_for_human, re_asked, reopened, abandoned, resolved (the customer said yes)");
        _closed = meter.CreateCounter<long>("supportbot.conversations.closed", description: "Conversations closed, by who finished them (bot or team)");
        _answerSeconds = meter.CreateHistogram<double>("supportbot.conversations.answer.duration", unit: "s",
            description: "A customer message to the bot's stored answer, including the model's time");
    }

    public void Started() => _started.Add(1);

    public void Message(string? category, string outcome, double seconds)
    {
        _messages.Add(1, Category(category), new("outcome", outcome));
        if (outcome == ConversationOutcomes.Answered)
        {
            _answerSeconds.Record(seconds, Category(category));
        }
    }

    public void HandedOff(string? category, string reasonKind) => _handoffs.Add(1, Category(category), new("reason", reasonKind));

    public void Signal(string? category, string signal) => _signals.Add(1, Category(category), new("signal", signal));

    public void Closed(string? category, bool byTeam) => _closed.Add(1, Category(category), new("by", byTeam ? "team" : "bot"));

    private static KeyValuePair<string, object?> Category(string? category) => new("category", category ?? None);
}
