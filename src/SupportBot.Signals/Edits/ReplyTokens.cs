using System.Text.RegularExpressions;
using DiffPlex;

namespace SupportBot.Signals.Edits;

public enum TokenKind
{
    Word,
    Number,
    Link,
    Punctuation,
}

/// <summary>
/// Splits a reply into the units edits are measured in: links and e-mail addresses whole, numbers
/// (prices, versions, dates) whole, words, and each punctuation mark on its own, so "Hi," → "Hello!"
/// is one changed word and one changed mark. DiffPlex's own WordChunker splits URLs and numbers apart,
/// which would make a changed link look like a few changed words.
/// </summary>
public static partial class ReplyTokens
{
    [GeneratedRegex(@"(?<link>(?:https?://|www\.)[^\s<>""]*[^\s<>"".,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(?<number>\d+(?:[.,:/-]\d+)*%?)|(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}_-]*(?:['’][\p{L}]+)?)|(?<punct>[^\s\p{L}\p{M}\p{N}])")]
    private static partial Regex TokenPattern();

    public static string[] All(string text) => [.. TokenPattern().Matches(text).Select(m => m.Value)];

    /// <summary>Everything but punctuation: what the word-level edit distance counts.</summary>
    public static string[] Words(string text) => [.. TokenPattern().Matches(text).Where(m => !m.Groups["punct"].Success).Select(m => m.Value)];

    public static TokenKind KindOf(string token)
    {
        var match = TokenPattern().Match(token);
        return match.Groups["link"].Success ? TokenKind.Link
            : match.Groups["number"].Success ? TokenKind.Number
            : match.Groups["word"].Success ? TokenKind.Word
            : TokenKind.Punctuation;
    }

    /// <summary>A DiffPlex chunker over pre-split tokens (DiffPlex diffs chunk arrays, not strings).</summary>
    internal sealed class Chunker(Func<string, string[]> split) : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => split(text);
    }
}
