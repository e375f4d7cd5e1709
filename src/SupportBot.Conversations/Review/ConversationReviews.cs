using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Conversations.Chat;
using SupportBot.Data;
using SupportBot.Data.Conversations;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Data.FailureModes;

namespace SupportBot.Conversations.Review;

public enum ConversationReviewProblem
{
    None,
    NotFound,
    DatasetNotFound,
    AlreadyReviewed,

    /// <summary>The chosen sequence is not a bot answer of the conversation (a field error on answerSequence).</summary>
    NoSuchAnswer,
}

public sealed record ConversationReviewResult(ConversationReviewDecision? Decision, ConversationReviewProblem Problem, string? Detail = null)
{
    public static ConversationReviewResult Fail(ConversationReviewProblem problem, string detail) => new(null, problem, detail);
}

/// <summary>
/// A reviewer's decision on a conversation of the review queue. "Add to dataset" makes a multi-turn item: the customer
/// message the chosen bot answer replied to is the input, the turns before it (as the live answer saw them, the newest
/// <see cref="ConversationOptions.HistoryTurns"/>) the context, the reviewer's reply the expected output, the answer's
/// trace the source. Experiments then draft the item through the same pipeline with that context.
/// </summary>
public sealed class ConversationReviews(SupportBotDbContext db, DatasetStore datasets, FailureModeStore failureModes, IOptions<ConversationOptions> options, TimeProvider clock)
{
    public const string Added = "added";
    public const string Dismissed = "dismissed";

    public async Task<ConversationReviewResult> AddToDatasetAsync(
        Guid conversationId, Guid? datasetId, string? datasetName, string expectedOutput, int? answerSequence, bool expectedHandoff,
        string? note, string? failureMode, string reviewer, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return ConversationReviewResult.Fail(ConversationReviewProblem.NotFound, $"No conversation with id {conversationId}.");
        }

        if (conversation.ReviewStatus is not null)
        {
            return AlreadyReviewed(conversation);
        }

        var transcript = await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var traceIds = transcript.Where(m => m.TraceId != null).Select(m => m.TraceId!).ToList();
        var scores = (await db.Scores.AsNoTracking().Where(s => traceIds.Contains(s.TraceId)).ToListAsync(cancellationToken)).ToLookup(s => s.TraceId);
        var answers = ConversationReviewList.Answers(transcript, scores).ToList();
        var answer = answerSequence is { } wanted
            ? answers.FirstOrDefault(a => a.Sequence == wanted)
            : answers.FirstOrDefault(a => a.Failed.Length > 0) ?? answers.LastOrDefault();
        var question = answer is null ? null : transcript.LastOrDefault(m => m.Role == ConversationRoles.Customer && m.Sequence < answer.Sequence);
        if (answer is null || question is null)
        {
            return ConversationReviewResult.Fail(ConversationReviewProblem.NoSuchAnswer, answerSequence is { } n
                ? $"Message {n} of conversation {conversationId} is not a bot answer to a customer message; the bot answers are {string.Join(", ", answers.Select(a => a.Sequence))}."
                : $"Conversation {conversationId} has no bot answer to turn into a dataset item.");
        }

        var dataset = await db.Datasets.AsNoTracking()
            .Where(d => d.ArchivedAt == null && (datasetId != null ? d.Id == datasetId : d.Name == datasetName!.Trim()))
            .Select(d => (Guid?)d.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (dataset is not { } target)
        {
            return ConversationReviewResult.Fail(ConversationReviewProblem.DatasetNotFound, $"No active dataset {(datasetId?.ToString() ?? $"named '{datasetName}'")}.");
        }

        // The turns the live answer was drafted with: everything before the customer's message, status lines left out.
        var earlier = transcript.Where(m => m.Sequence < question.Sequence && m.Role != ConversationRoles.Status).ToList();
        var context = earlier.TakeLast(options.Value.HistoryTurns).Select(m => new DatasetTurn(m.Role, m.Text)).ToList();
        var item = new NewDatasetItem(
            CustomerMessages.Subject(earlier.FirstOrDefault(m => m.Role == ConversationRoles.Customer)?.Text),
            question.Text, conversation.Category, conversation.Language, expectedOutput, expectedHandoff,
            SourceTraceId: answer.TraceId,
            Metadata: JsonSerializer.Serialize(new
            {
                from = "conversation-review",
                conversationId,
                answerSequence = answer.Sequence,
                failed = answer.Failed,
                reviewer,
                note,
                failureMode,
                customerName = conversation.CustomerName,
            }),
            Context: DatasetItemContext.ToJson(context));
        DatasetChange change;
        try
        {
            // Its own transaction; the same answer's trace is never added twice, so a retry after a failure below is harmless.
            change = await datasets.AddItemsAsync(target, [item], $"review queue: conversation {conversationId}, answer {answer.Sequence}", cancellationToken);
        }
        catch (DatasetNotFoundException)
        {
            return ConversationReviewResult.Fail(ConversationReviewProblem.DatasetNotFound, $"Dataset {target} is archived.");
        }

        var decision = await DecideAsync(conversationId, Added, note, reviewer, cancellationToken);
        if (decision is null)
        {
            return ConversationReviewResult.Fail(ConversationReviewProblem.AlreadyReviewed, $"Conversation {conversationId} was reviewed by someone else meanwhile.");
        }

        if (failureMode is not null)
        {
            await failureModes.TagAsync(answer.TraceId, failureMode, conversation.Category, note, FailureModeSources.ReviewQueue, reviewer, cancellationToken);
        }

        return new ConversationReviewResult(decision with
        {
            TraceId = answer.TraceId,
            DatasetId = change.DatasetId,
            DatasetVersion = change.Version,
            ContextTurns = context.Count,
            AlreadyInDataset = change.Added == 0,
        }, ConversationReviewProblem.None);
    }

    public async Task<ConversationReviewResult> DismissAsync(Guid conversationId, string note, string? failureMode, string reviewer, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(conversationId, Dismissed, note, reviewer, cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return ConversationReviewResult.Fail(ConversationReviewProblem.NotFound, $"No conversation with id {conversationId}.");
        }

        if (decision is null)
        {
            return AlreadyReviewed(conversation);
        }

        if (failureMode is not null && conversation.LastBotTraceId is { } trace)
        {
            await failureModes.TagAsync(trace, failureMode, conversation.Category, note, FailureModeSources.ReviewQueue, reviewer, cancellationToken);
        }

        return new ConversationReviewResult(decision with { TraceId = conversation.LastBotTraceId }, ConversationReviewProblem.None);
    }

    /// <summary>Marks the conversation reviewed if nobody did yet (one conditional UPDATE: two reviewers cannot both win).</summary>
    private async Task<ConversationReviewDecision?> DecideAsync(Guid conversationId, string status, string? note, string reviewer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await db.Conversations
            .Where(c => c.Id == conversationId && c.ReviewStatus == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ReviewStatus, status)
                .SetProperty(c => c.ReviewNote, note)
                .SetProperty(c => c.ReviewedBy, reviewer)
                .SetProperty(c => c.ReviewedAt, now), cancellationToken);
        return updated == 0 ? null : new ConversationReviewDecision(conversationId, status, reviewer, now);
    }

    private static ConversationReviewResult AlreadyReviewed(Conversation conversation) => ConversationReviewResult.Fail(ConversationReviewProblem.AlreadyReviewed,
        $"Conversation {conversation.Id} was {conversation.ReviewStatus} by {conversation.ReviewedBy} at {conversation.ReviewedAt:O}.");
}
