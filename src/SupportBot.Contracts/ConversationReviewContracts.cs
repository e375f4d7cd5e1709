namespace SupportBot.Contracts;

/// <summary>A bot answer of a conversation and the signals that judged it (failed ones first in <see cref="Failed"/>).</summary>
public sealed record ReviewedAnswer(int Sequence, string TraceId, string[] Failed, IReadOnlyList<ScoreView> Scores);

/// <summary>
/// A conversation with a failed implicit signal (asked for a person, re-asked, reopened, abandoned, "not resolved", a
/// monitor flag) that nobody reviewed yet: its transcript, the signals and which bot answers they judged.
/// </summary>
public sealed record ConversationReviewItem(
    Guid ConversationId,
    string? Category,
    string Language,
    string Status,
    string[] Reasons,
    ConversationSignalsView Signals,
    bool Flagged,
    IReadOnlyList<ReviewedAnswer> Answers,
    IReadOnlyList<ConversationMessageView> Transcript,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record ConversationReviewPage(int Page, int PageSize, int Total, IReadOnlyList<ConversationReviewItem> Items);

/// <summary>
/// Makes a multi-turn dataset item of a reviewed conversation: the customer message a bot answer replied to is the input,
/// the turns before it the context, <see cref="ExpectedOutput"/> (the reviewer's reply) the reference.
/// <see cref="AnswerSequence"/> picks the bot answer (default: the first one a signal failed); give either the dataset's
/// id or its name.
/// </summary>
public sealed record AddConversationToDatasetRequest(
    Guid? DatasetId,
    string? DatasetName,
    string? ExpectedOutput,
    int? AnswerSequence = null,
    bool ExpectedHandoff = false,
    string? Note = null,
    string? FailureMode = null);

/// <summary>What a reviewer decided about a conversation: "added" (with the dataset version and item) or "dismissed".</summary>
public sealed record ConversationReviewDecision(
    Guid ConversationId,
    string Status,
    string ReviewedBy,
    DateTimeOffset ReviewedAt,
    string? TraceId = null,
    Guid? DatasetId = null,
    int? DatasetVersion = null,
    int ContextTurns = 0,
    bool AlreadyInDataset = false);

/// <summary>One earlier turn of a multi-turn dataset item: role "customer", "bot" or "agent", and the text.</summary>
public sealed record DatasetTurn(string Role, string Text);
