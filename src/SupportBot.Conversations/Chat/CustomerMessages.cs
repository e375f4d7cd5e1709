using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Conversations.Signals;
using SupportBot.Data;
using SupportBot.Data.Categories;
using SupportBot.Data.Conversations;
using SupportBot.Data.Entities;
using SupportBot.Data.Replies;
using SupportBot.Drafting.Pipeline;

namespace SupportBot.Conversations.Chat;

/// <summary>
/// A customer message, start to finish: store it, judge the previous bot answer by it (asked for a person? asked the
/// same again?), then either answer through the one drafting pipeline or hand the conversation to the team. The gate
/// is enforced here, at answer time: the pipeline's guard asks for the category's phase and pause switch after
/// classification and before the model runs, so a category demoted or paused a moment ago is already handed off.
/// </summary>
public sealed class CustomerMessages(
    SupportBotDbContext db,
    ConversationStore store,
    DraftingPipeline pipeline,
    CategoryPauseService pauses,
    HumanRequestDetector humans,
    ReAskDetector reAsks,
    ImplicitSignals signals,
    Handoffs handoffs,
    ConversationEvents events,
    SentReplies sentReplies,
    ConversationMetrics metrics,
    IOptions<ConversationOptions> options,
    TimeProvider clock)
{
    public const string TraceName = "conversation-answer";

    public async Task<ConversationResult<CustomerMessageResponse>> PostAsync(Guid id, string text, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var settings = options.Value;

        // 1. Store the message (or refuse: unknown, closed), and read what came before it.
        var (conversation, customer) = await store.ChangeAsync(id, c => c.Status == ConversationStatuses.Closed ? null : Append(c, text), cancellationToken);
        if (conversation is null)
        {
            return ConversationResult<CustomerMessageResponse>.Fail(ConversationProblem.NotFound, $"No conversation with id {id}.");
        }

        if (customer is null)
        {
            return ConversationResult<CustomerMessageResponse>.Fail(ConversationProblem.Closed,
                $"Conversation {id} is closed. Reopen it (POST /api/conversations/{id}/reopen) to continue.");
        }

        await events.PublishAsync(id, ConversationViews.ToView(customer));
        var earlier = (await store.RecentAsync(id, settings.HistoryTurns + 1, cancellationToken)).Where(m => m.Sequence < customer.Sequence).ToList();

        if (conversation.Status == ConversationStatuses.HandedOff)
        {
            metrics.Message(conversation.Category, ConversationOutcomes.WithTeam, 0);
            return ConversationResult<CustomerMessageResponse>.Ok(new CustomerMessageResponse(
                id, customer.Sequence, ConversationOutcomes.WithTeam, conversation.Category, null, null, conversation.HandoffReason, conversation.TicketId));
        }

        // 2. The previous bot answer, judged by this message: asked for a person? asked the same again? The embeddings
        // this takes run on the thread pool while the pipeline's database work (retrieval, prompt) goes on; the guard
        // waits for the verdict before the model runs, and the scores are written after the pipeline (one DbContext).
        var judging = Task.Run(() => JudgeAsync(earlier, text, cancellationToken), cancellationToken);
        string? handoff = null;

        // 3. Through the pipeline in every case: classification gives the conversation its category and the trace
        // records the decision; a hand-off decided by the judgement, or by the guard, skips the model.
        DraftResult draft;
        Judgement judgement;
        {
            async ValueTask<string?> Guard(DraftCheckpoint checkpoint, CancellationToken ct)
            {
                var verdict = await judging;
                var reAskCount = conversation.ReAsks + (verdict.ReAsk?.ReAsked == true ? 1 : 0);
                handoff = verdict.Human.Asked ? $"{HandoffReasons.AskedForHuman}: the customer asked for a person ({verdict.Human.Method})"
                    : reAskCount >= settings.MaxReAsks ? $"{HandoffReasons.ReAsked}: the customer asked the same question again ({reAskCount} times)"
                    : null;
                return handoff ?? await GuardAsync(checkpoint, ct);
            }

            var firstCustomer = earlier.FirstOrDefault(m => m.Role == ConversationRoles.Customer)?.Text;
            var input = new DraftInput(Subject(firstCustomer), text, conversation.Language, null, conversation.CustomerName)
            {
                History = [.. earlier.Where(m => m.Role != ConversationRoles.Status).Select(m => new ConversationTurn(m.Role, m.Text))],
                ConversationId = id,
                Turn = conversation.CustomerMessages,
            };
            draft = await pipeline.DraftAsync(input, new DraftOptions
            {
                TraceName = TraceName,
                HandOffBeforeGeneration = Guard,
            }, cancellationToken);
            judgement = await judging;
            await RecordJudgementAsync(conversation, judgement, cancellationToken);
            if (handoff is null && draft.Handoff)
            {
                var reason = draft.HandoffReason ?? "unspecified";
                handoff = HandoffReasons.Kinds.Contains(HandoffReasons.Kind(reason)) && reason.Contains(':', StringComparison.Ordinal)
                    ? reason
                    : $"{HandoffReasons.Drafter}: {reason}";
            }
        }

        var category = conversation.Category ?? draft.Category.Category;
        if (handoff is not null)
        {
            var handed = await handoffs.HandOffAsync(id, handoff, draft, cancellationToken);
            metrics.Message(category, ConversationOutcomes.HandedOff, clock.GetElapsedTime(started).TotalSeconds);
            return ConversationResult<CustomerMessageResponse>.Ok(new CustomerMessageResponse(
                id, customer.Sequence, ConversationOutcomes.HandedOff, handed.Category, handed.Notice, draft.TraceId, handoff, handed.TicketId));
        }

        // 4. The bot's answer.
        var answer = draft;
        var asks = AnswerShape.AsksOrOffers(answer.Text);
        var (_, bot) = await store.ChangeAsync(id, c =>
        {
            c.BotAnswers++;
            c.LastBotTraceId = answer.TraceId;
            c.Category ??= answer.Category.Category;
            c.AwaitingCustomerSince = asks ? clock.GetUtcNow() : null;
            return store.Append(c, ConversationRoles.Bot, answer.Text, m =>
            {
                m.TraceId = answer.TraceId;
                m.Citations = ConversationViews.CitationsJson(answer.Citations.Select(a => new ConversationCitation(a.Slug, a.Version, a.Url, a.Title)));
            });
        }, cancellationToken);
        var view = ConversationViews.ToView(bot!);
        await events.PublishAsync(id, view);
        await sentReplies.PublishAsync(new SentReply(
            bot!.Id, answer.TraceId, ReplySources.Bot, answer.Category.Category, conversation.Language, id, null, conversation.CustomerName,
            text, answer.Text, CustomerContext(earlier), [.. answer.Citations.Select(a => new CitedArticleRef(a.Slug, a.Version))], bot.CreatedAt),
            cancellationToken);
        metrics.Message(category, ConversationOutcomes.Answered, clock.GetElapsedTime(started).TotalSeconds);
        return ConversationResult<CustomerMessageResponse>.Ok(new CustomerMessageResponse(
            id, customer.Sequence, ConversationOutcomes.Answered, category, view, answer.TraceId, null, null));
    }

    /// <summary>Everything the customer wrote or was shown before, oldest first, for the monitors' identity check.</summary>
    public static IReadOnlyList<string> CustomerContext(IEnumerable<ConversationMessage> earlier) =>
        [.. earlier.Where(m => m.Role != ConversationRoles.Status).Select(m => m.Text)];

    private ConversationMessage Append(Conversation conversation, string text)
    {
        conversation.CustomerMessages++;
        conversation.AwaitingCustomerSince = null;
        return store.Append(conversation, ConversationRoles.Customer, text, m => m.Author = conversation.Channel);
    }

    // The topic: a follow-up ("still doesn't work") retrieves by the conversation's first question as well as its own words.
    internal static string Subject(string? firstCustomerMessage) =>
        firstCustomerMessage is null ? "" : firstCustomerMessage.Length <= 300 ? firstCustomerMessage : firstCustomerMessage[..300];

    /// <param name="Trace">The previous bot answer's trace (the one judged); null when the previous message was not a bot answer.</param>
    private sealed record Judgement(HumanRequest Human, ReAsk? ReAsk, string? Trace);

    /// <summary>Embeddings and rules only (no database): safe to run beside the pipeline.</summary>
    private async Task<Judgement> JudgeAsync(List<ConversationMessage> earlier, string text, CancellationToken cancellationToken)
    {
        var human = await humans.DetectAsync(text, cancellationToken);
        var previousAnswer = earlier.LastOrDefault(m => m.Role != ConversationRoles.Status);
        if (previousAnswer is not { Role: ConversationRoles.Bot, TraceId: { } trace })
        {
            return new Judgement(human, null, null);
        }

        var previousQuestion = earlier.LastOrDefault(m => m.Role == ConversationRoles.Customer && m.Sequence < previousAnswer.Sequence);
        var reAsk = previousQuestion is null || human.Asked ? null : await reAsks.DetectAsync(previousQuestion.Text, text, cancellationToken);
        return new Judgement(human, reAsk, trace);
    }

    /// <summary>The judgement as scores on the previous answer's trace, rolled up on the conversation.</summary>
    private async Task RecordJudgementAsync(Conversation conversation, Judgement judgement, CancellationToken cancellationToken)
    {
        var human = judgement.Human;
        if (judgement.Trace is { } trace)
        {
            await signals.RecordAsync(trace, ConversationScoreDefinitions.AskedForHuman, human.Asked, conversation.Category,
                human.Asked ? $"{human.Method} ({human.Similarity:0.00})" : null, cancellationToken);
            if (judgement.ReAsk is { } reAsk)
            {
                await signals.RecordAsync(trace, ConversationScoreDefinitions.ReAsked, reAsk.ReAsked, conversation.Category,
                    reAsk.Similarity is { } similarity ? $"similarity {similarity:0.00}, {reAsk.NewTerms} new terms" : $"{reAsk.NewTerms} new terms", cancellationToken);
            }
        }

        var reAsked = judgement.Trace is not null && judgement.ReAsk?.ReAsked == true;
        if (human.Asked || reAsked)
        {
            var asked = human.Asked;
            var add = reAsked ? 1 : 0;
            // Relative to the row, not to the copy read at the start: another message's judgement may have counted meanwhile.
            await db.Conversations.Where(c => c.Id == conversation.Id)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.AskedForHuman, c => c.AskedForHuman || asked)
                    .SetProperty(c => c.ReAsks, c => c.ReAsks + add), cancellationToken);
        }
    }

    private async ValueTask<string?> GuardAsync(DraftCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var category = checkpoint.Category.Category;
        var phase = await db.Categories.AsNoTracking().Where(c => c.Name == category).Select(c => c.Phase).SingleOrDefaultAsync(cancellationToken);
        if (phase != CategoryPhases.CustomerFacing)
        {
            return $"{HandoffReasons.NotCleared}: category '{category}' is {phase ?? "unknown"}, not customer-facing";
        }

        if (await pauses.IsPausedAsync(category, cancellationToken))
        {
            return $"{HandoffReasons.Paused}: category '{category}' is paused";
        }

        if (checkpoint.Category.Confidence < settings.MinCategoryConfidence)
        {
            return $"{HandoffReasons.LowConfidence}: classification confidence {checkpoint.Category.Confidence:0.00} < {settings.MinCategoryConfidence:0.00}";
        }

        var best = checkpoint.SimilarTickets.Count == 0 ? 0 : checkpoint.SimilarTickets.Max(t => t.Score);
        return best < settings.MinRetrievalScore
            ? $"{HandoffReasons.LowRetrieval}: closest resolved ticket scores {best:0.00} < {settings.MinRetrievalScore:0.00}"
            : null;
    }
}
