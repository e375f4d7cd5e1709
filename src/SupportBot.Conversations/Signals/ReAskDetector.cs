using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Embeddings;

namespace SupportBot.Conversations.Signals;

/// <param name="Similarity">The embeddings' cosine; null when the words alone already rule a re-ask out (it was not computed).</param>
public sealed record ReAsk(bool ReAsked, double? Similarity, int NewTerms);

/// <summary>
/// Does the customer's message ask the previous question again? Two conditions, both needed: the two messages mean the
/// same (embedding cosine at or above <see cref="ConversationOptions.ReAskSimilarity"/>), and the new one brings no new
/// information (at most <see cref="ConversationOptions.ReAskMaxNewTerms"/> content words the old one lacked, and no new
/// number, link or address). "It says the link expired" after "how do I reset my password" is progress, not a re-ask.
/// </summary>
public sealed partial class ReAskDetector(TextEmbeddings embeddings, IOptions<ConversationOptions> options)
{
    public async Task<ReAsk> DetectAsync(string previous, string current, CancellationToken cancellationToken)
    {
        var newTerms = NewTerms(previous, current, out var newSpecifics);
        var settings = options.Value;
        if (newSpecifics || newTerms > settings.ReAskMaxNewTerms)
        {
            // New information means no re-ask whatever the meaning: the embedding (the costliest step of a customer
            // message, docs/benchmarks.md) is only computed when the words leave the question open.
            return new ReAsk(false, null, newTerms);
        }

        var similarity = await embeddings.SimilarityAsync(previous, current, cancellationToken);
        return new ReAsk(similarity >= settings.ReAskSimilarity, similarity, newTerms);
    }

    /// <summary>Content words of <paramref name="current"/> not in <paramref name="previous"/>; specifics are numbers, links, e-mail addresses.</summary>
    public static int NewTerms(string previous, string current, out bool newSpecifics)
    {
        var before = Terms(previous);
        var specificsBefore = Specifics().Matches(previous).Select(m => m.Value.ToLowerInvariant()).ToHashSet();
        newSpecifics = Specifics().Matches(current).Any(m => !specificsBefore.Contains(m.Value.ToLowerInvariant()));
        return Terms(current).Count(t => !before.Contains(t) && !before.Any(b => SameStem(b, t)));
    }

    private static HashSet<string> Terms(string text) =>
        Words().Matches(text.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => w.Length >= 3 && !StopWords.Contains(w))
            .ToHashSet();

    // "reset" and "resetting", "password" and "passwords": a shared start of five letters is the same word here.
    private static bool SameStem(string a, string b) => a.Length >= 5 && b.Length >= 5 && a.AsSpan(0, 5).SequenceEqual(b.AsSpan(0, 5));

    /// <summary>Function words and the words a re-ask adds by nature ("still", "again", "help"), in the demo languages.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "but", "for", "you", "your", "can", "could", "would", "should", "how", "what", "why", "when", "where", "who",
        "this", "that", "there", "here", "with", "have", "has", "had", "does", "did", "doesn", "don", "didn", "not", "are", "was",
        "were", "will", "just", "still", "again", "please", "help", "need", "want", "tell", "told", "asked", "ask", "question",
        "answer", "already", "said", "understand", "get", "got", "now", "all", "any", "some", "really", "yet", "its", "it's",
        "i'm", "cannot", "can't", "won't", "isn't", "doesn't", "didn't", "don't", "hello", "thanks", "thank", "okay", "sorry",
        "mean", "meant", "work", "working", "works", "one", "way", "know", "like", "make", "also", "then", "than", "from", "into",
        "der", "die", "das", "und", "ich", "wie", "was", "ist", "nicht", "noch", "immer", "bitte", "mein", "meine", "kann", "ein",
        "eine", "mit", "für", "auf", "sie", "habe", "wieder", "funktioniert", "les", "des", "une", "est", "pas", "toujours", "comment",
        "mon", "mes", "que", "qui", "encore", "merci", "los", "las", "una", "como", "cómo", "sigue", "todavía", "por", "favor", "que", "qué",
        "mi", "mis", "con", "para", "otra", "vez",
    };

    [GeneratedRegex(@"[\p{L}][\p{L}'’]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"\d[\d.,:/-]*|https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex Specifics();
}
