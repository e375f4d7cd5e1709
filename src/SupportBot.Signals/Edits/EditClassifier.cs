using DiffPlex;
using SupportBot.Data.Entities;

namespace SupportBot.Signals.Edits;

/// <summary>
/// Decides what kind of edit the team made to a draft: <see cref="EditTypes"/>. The embedded
/// heuristic is the default; a model-backed classifier can replace it through DI.
/// </summary>
public interface IEditClassifier
{
    ValueTask<string> ClassifyAsync(string draft, string sent, CancellationToken cancellationToken);
}

/// <summary>
/// The embedded heuristic (docs/signals.md): diff the token sequences case-insensitively, then
/// - nothing changed (whitespace aside) → none;
/// - only case, punctuation, greetings, politeness and filler words changed → tone;
/// - a link, number or content word of the draft was removed or replaced, or a negation added or removed → corrected;
/// - otherwise content was only added → added.
/// It can be wrong: a synonym for a content word counts as a correction, and a correction made
/// only with function words ("is" → "was") looks like tone.
/// </summary>
public sealed class HeuristicEditClassifier : IEditClassifier
{
    private static readonly ReplyTokens.Chunker Chunker = new(ReplyTokens.All);

    public ValueTask<string> ClassifyAsync(string draft, string sent, CancellationToken cancellationToken) => ValueTask.FromResult(Classify(draft, sent));

    public static string Classify(string draft, string sent)
    {
        var exact = Differ.Instance.CreateDiffs(draft, sent, ignoreWhiteSpace: false, ignoreCase: false, Chunker);
        if (exact.DiffBlocks.Count == 0)
        {
            return EditTypes.None;
        }

        var diff = Differ.Instance.CreateDiffs(draft, sent, ignoreWhiteSpace: false, ignoreCase: true, Chunker);
        var removed = diff.DiffBlocks.SelectMany(b => diff.PiecesOld.Skip(b.DeleteStartA).Take(b.DeleteCountA)).ToList();
        var inserted = diff.DiffBlocks.SelectMany(b => diff.PiecesNew.Skip(b.InsertStartB).Take(b.InsertCountB)).ToList();
        if (removed.Any(IsSubstantive) || removed.Concat(inserted).Any(Negations.Contains))
        {
            return EditTypes.Corrected;
        }

        return inserted.Any(IsSubstantive) ? EditTypes.Added : EditTypes.Tone;
    }

    private static bool IsSubstantive(string token) => ReplyTokens.KindOf(token) switch
    {
        TokenKind.Link or TokenKind.Number => true,
        TokenKind.Word => !ToneWords.Contains(token),
        _ => false,
    };

    /// <summary>A negation added or removed flips a statement: always a correction.</summary>
    private static readonly HashSet<string> Negations = new(StringComparer.OrdinalIgnoreCase)
    {
        "not", "no", "never", "cannot", "can't", "can’t", "don't", "don’t", "doesn't", "doesn’t", "won't", "won’t", "isn't", "isn’t",
        "aren't", "aren’t", "didn't", "didn’t", "shouldn't", "shouldn’t", "without", "none", "nothing", "neither", "nor",
    };

    /// <summary>
    /// Greetings, sign-offs, politeness and function words: changing these changes the tone, not
    /// the facts. Negations ("not", "never", "cannot", "don't") are deliberately absent.
    /// </summary>
    private static readonly HashSet<string> ToneWords = new(StringComparer.OrdinalIgnoreCase)
    {
        // greetings and sign-offs
        "hi", "hello", "hey", "dear", "greetings", "good", "morning", "afternoon", "evening", "there",
        "regards", "best", "kind", "kindly", "warm", "warmly", "cheers", "sincerely", "yours", "thanks", "thank", "thx",
        "team", "support", "customer", "care", "wishes", "all", "everyone", "folks",
        // politeness and empathy
        "please", "sorry", "apologies", "apologize", "apologise", "unfortunately", "happy", "glad", "pleased", "hope", "hoping",
        "appreciate", "appreciated", "patience", "understanding", "understand", "frustrating", "frustration", "inconvenience",
        "reaching", "reach", "out", "contacting", "contact", "writing", "getting", "touch", "letting", "know", "let",
        "welcome", "great", "nice", "day", "week", "weekend", "help", "helps", "helpful", "assist", "assistance",
        "feel", "free", "further", "questions", "question", "anything", "else", "again", "certainly", "sure", "course", "absolutely",
        "definitely", "totally", "really", "very", "so", "much", "just", "quick", "quickly", "soon", "asap",
        // function words
        "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as", "about",
        "i", "i'm", "i’m", "i'll", "i’ll", "me", "my", "we", "we're", "we’re", "we'll", "we’ll", "us", "our", "you", "you're", "you’re", "your", "yours",
        "it", "it's", "it’s", "its", "this", "that", "these", "those", "here", "is", "are", "be", "been", "will", "would", "could",
        "can", "may", "might", "should", "do", "does", "did", "have", "has", "had", "if", "then", "also", "too", "now", "up",
    };
}
