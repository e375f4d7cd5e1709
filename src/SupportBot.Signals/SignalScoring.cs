using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Signals.Edits;

namespace SupportBot.Signals;

/// <summary>What the worker knows about the draft a signal is about.</summary>
public sealed record DraftFacts(Guid Id, string TraceId, string Category, string Text);

/// <summary>A sent reply measured against its draft.</summary>
public sealed record EditMeasure(double WordDistance, double CharDistance, string EditType);

/// <summary>Turns one signal into the scores it puts on the draft's trace.</summary>
public sealed class SignalScoring(IEditClassifier classifier)
{
    public async Task<EditMeasure> MeasureAsync(string draft, string sent, CancellationToken cancellationToken) => new(
        EditDistance.Words(draft, sent),
        EditDistance.Characters(draft, sent),
        await classifier.ClassifyAsync(draft, sent, cancellationToken));

    public static IReadOnlyList<PendingScore> SentScores(EditMeasure edit) =>
    [
        new(SignalScoreDefinitions.EditDistance, ScoreDataTypes.Numeric, edit.WordDistance, null, null),
        new(SignalScoreDefinitions.EditDistanceChars, ScoreDataTypes.Numeric, edit.CharDistance, null, null),
        new(SignalScoreDefinitions.EditType, ScoreDataTypes.Categorical, null, edit.EditType, null),
    ];

    public static IReadOnlyList<PendingScore> FeedbackScores(SignalEvent signal) =>
    [
        new(SignalScoreDefinitions.Thumbs, ScoreDataTypes.Boolean, signal.Thumb == Thumbs.Up ? 1 : 0, signal.Thumb == Thumbs.Up ? "true" : "false", signal.Comment),
    ];

    public static string IdempotencyKey(string eventId, string scoreName) => $"{eventId}:{scoreName}";
}
