namespace SupportBot.Conversations.Signals;

/// <summary>
/// The time rules of the implicit signals, shared by the live path (reopen, abandon sweep) and the offline classifier
/// of labelled conversations, so the labelled set tests exactly what production decides.
/// </summary>
public static class SignalRules
{
    /// <summary>Abandoned: the last message is a bot answer that asked or offered something, the conversation is not closed, and the customer has been silent for the abandon time.</summary>
    public static bool IsAbandoned(bool lastIsBotAnswer, bool asksOrOffers, bool closed, TimeSpan silence, TimeSpan abandonAfter) =>
        lastIsBotAnswer && asksOrOffers && !closed && silence >= abandonAfter;

    /// <summary>Reopened counts only within the reopen window after closing.</summary>
    public static bool CountsAsReopen(TimeSpan sinceClosed, TimeSpan window) => sinceClosed >= TimeSpan.Zero && sinceClosed <= window;
}

/// <summary>A conversation to judge offline: its turns (role, text), how it ended, and how long the customer has been silent.</summary>
public sealed record RecordedConversation(
    string Language, IReadOnlyList<(string Role, string Text)> Turns, bool Closed, bool? Resolved, TimeSpan Silence, TimeSpan? ReopenedAfter);

public sealed record ConversationSignals(bool AskedForHuman, bool ReAsked, bool Reopened, bool Abandoned, bool? Resolved);

/// <summary>Judges a whole recorded conversation with the same detectors and rules the live path applies turn by turn.</summary>
public sealed class ConversationSignalClassifier(HumanRequestDetector humans, ReAskDetector reAsks, Microsoft.Extensions.Options.IOptions<ConversationOptions> options)
{
    public async Task<ConversationSignals> ClassifyAsync(RecordedConversation conversation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        bool askedForHuman = false, reAsked = false;
        string? previousQuestion = null;
        var afterBotAnswer = false;
        foreach (var (role, text) in conversation.Turns)
        {
            if (role == Data.Conversations.ConversationRoles.Bot)
            {
                afterBotAnswer = true;
                continue;
            }

            var human = await humans.DetectAsync(text, cancellationToken);
            askedForHuman |= human.Asked;
            if (!human.Asked && afterBotAnswer && previousQuestion is not null)
            {
                reAsked |= (await reAsks.DetectAsync(previousQuestion, text, cancellationToken)).ReAsked;
            }

            previousQuestion = text;
            afterBotAnswer = false;
        }

        var last = conversation.Turns.Count == 0 ? default : conversation.Turns[^1];
        var lastIsBot = last.Role == Data.Conversations.ConversationRoles.Bot;
        var abandoned = SignalRules.IsAbandoned(lastIsBot, lastIsBot && AnswerShape.AsksOrOffers(last.Text), conversation.Closed, conversation.Silence, settings.AbandonAfter);
        var reopened = conversation.ReopenedAfter is { } after && SignalRules.CountsAsReopen(after, settings.ReopenWindow);
        return new ConversationSignals(askedForHuman, reAsked, reopened, abandoned, conversation.Resolved);
    }
}
