using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Conversations.Chat;
using SupportBot.Data;
using SupportBot.Data.Conversations;
using SupportBot.Data.Entities;

namespace SupportBot.Conversations.Review;

/// <summary>
/// Which conversations wait for a reviewer: unreviewed ones in which the bot answered at least once and a signal
/// failed (the customer asked for a person, re-asked, reopened, gave up after a question, said "not resolved"), or a
/// monitor flagged one of its answers. One definition for the list and its counts; the reviewer's decision is in
/// <see cref="ConversationReviews"/>.
/// </summary>
public sealed class ConversationReviewList(SupportBotDbContext db)
{
    /// <summary>The signals whose "true" is a failure of the answer they judge; for <c>resolved</c> it is "false".</summary>
    public static readonly string[] FailingWhenTrue =
        [ConversationScoreDefinitions.AskedForHuman, ConversationScoreDefinitions.ReAsked, ConversationScoreDefinitions.Reopened, ConversationScoreDefinitions.Abandoned];

    public sealed class Candidate
    {
        public required Conversation Conversation { get; init; }
        public bool Flagged { get; init; }
    }

    /// <summary>The waiting conversations, each with whether a monitor flagged one of its answers.</summary>
    public IQueryable<Candidate> Pending() =>
        db.Conversations.AsNoTracking()
            .Select(c => new Candidate
            {
                Conversation = c,
                // A positive monitor score on one of its bot answers (as the resolution rates count it).
                Flagged = db.ConversationMessages.Any(m => m.ConversationId == c.Id && m.Role == ConversationRoles.Bot
                    && db.Scores.Any(s => s.TraceId == m.TraceId && s.Source == ScoreSources.Monitor && s.NumericValue > 0)),
            })
            .Where(x => x.Conversation.ReviewStatus == null && x.Conversation.BotAnswers > 0
                && (x.Conversation.AskedForHuman || x.Conversation.ReAsks > 0 || x.Conversation.Reopened || x.Conversation.Abandoned
                    || x.Conversation.ResolvedByCustomer == false || x.Flagged));

    public async Task<ConversationReviewPage> PageAsync(string? category, DateTimeOffset? from, DateTimeOffset? to, int page, int pageSize, CancellationToken cancellationToken)
    {
        var pending = Pending();
        if (!string.IsNullOrWhiteSpace(category))
        {
            pending = pending.Where(x => x.Conversation.Category == category);
        }

        if (from is { } start)
        {
            pending = pending.Where(x => x.Conversation.UpdatedAt >= start);
        }

        if (to is { } end)
        {
            pending = pending.Where(x => x.Conversation.UpdatedAt < end);
        }

        var total = await pending.CountAsync(cancellationToken);
        var rows = await pending
            .OrderByDescending(x => x.Conversation.UpdatedAt).ThenByDescending(x => x.Conversation.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Conversation.Id).ToList();
        var messages = (await db.ConversationMessages.AsNoTracking().Where(m => ids.Contains(m.ConversationId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.ConversationId);
        var traceIds = messages.SelectMany(g => g).Where(m => m.Role == ConversationRoles.Bot && m.TraceId != null).Select(m => m.TraceId!).ToList();
        var scores = (await db.Scores.AsNoTracking().Where(s => traceIds.Contains(s.TraceId)).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken))
            .ToLookup(s => s.TraceId);

        var items = rows.Select(r =>
        {
            var c = r.Conversation;
            var transcript = messages[c.Id].OrderBy(m => m.Sequence).ToList();
            return new ConversationReviewItem(
                c.Id, c.Category, c.Language, c.Status, Reasons(c, r.Flagged),
                new ConversationSignalsView(c.AskedForHuman, c.ReAsks, c.Reopened, c.Abandoned, c.ResolvedByCustomer), r.Flagged,
                [.. Answers(transcript, scores)],
                [.. transcript.Select(ConversationViews.ToView)],
                c.CreatedAt, c.UpdatedAt);
        }).ToList();
        return new ConversationReviewPage(page, pageSize, total, items);
    }

    /// <summary>Every bot answer of the transcript with the scores on its trace and the names of those that failed.</summary>
    public static IEnumerable<ReviewedAnswer> Answers(IEnumerable<ConversationMessage> transcript, ILookup<string, Score> scores) =>
        transcript.Where(m => m.Role == ConversationRoles.Bot && m.TraceId != null).OrderBy(m => m.Sequence).Select(m =>
        {
            var own = scores[m.TraceId!].ToList();
            return new ReviewedAnswer(m.Sequence, m.TraceId!, [.. own.Where(Failed).Select(s => s.Source == ScoreSources.Monitor ? $"monitor:{s.Name}" : s.Name).Distinct()],
                [.. own.Select(s => new ScoreView(s.Name, s.DataType, s.NumericValue, s.StringValue, s.Comment, s.Source, s.CreatedAt))]);
        });

    /// <summary>A score that says the answer failed: a failing signal, "not resolved", or a monitor's flag.</summary>
    public static bool Failed(Score score) =>
        score.Source == ScoreSources.Monitor ? score.NumericValue > 0
        : score.Source == ScoreSources.Signal && (FailingWhenTrue.Contains(score.Name) ? score.NumericValue == 1
            : score.Name == ConversationScoreDefinitions.Resolved && score.NumericValue == 0);

    private static string[] Reasons(Conversation c, bool flagged) =>
    [
        .. c.AskedForHuman ? ["asked for a person"] : Array.Empty<string>(),
        .. c.ReAsks > 0 ? [$"re-asked {c.ReAsks}×"] : Array.Empty<string>(),
        .. c.Reopened ? ["reopened"] : Array.Empty<string>(),
        .. c.Abandoned ? ["abandoned after a question"] : Array.Empty<string>(),
        .. c.ResolvedByCustomer == false ? ["customer said not resolved"] : Array.Empty<string>(),
        .. flagged ? ["monitor flag"] : Array.Empty<string>(),
    ];
}
