using System.Text.RegularExpressions;

namespace SupportBot.Monitors.Text;

/// <summary>A sentence of a reply: its offsets into the reply and its text.</summary>
public readonly record struct Sentence(int Start, int Length, string Text)
{
    public int End => Start + Length;
}

/// <summary>Splits replies into sentences (and lines) with offsets, so a flag's evidence points at the exact words.</summary>
public static partial class Sentences
{
    public static IReadOnlyList<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var start = 0;
        foreach (Match boundary in Boundary().Matches(text))
        {
            Add(sentences, text, start, boundary.Index + 1);
            start = boundary.Index + boundary.Length;
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    /// <summary>The sentence that contains <paramref name="index"/>.</summary>
    public static Sentence Containing(IReadOnlyList<Sentence> sentences, int index) =>
        sentences.FirstOrDefault(s => index >= s.Start && index < s.End, sentences.Count > 0 ? sentences[^1] : default);

    private static void Add(List<Sentence> sentences, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new Sentence(start, end - start, text[start..end]));
        }
    }

    // End of sentence: . ! ? (not inside a number or a URL: followed by whitespace), or a line break.
    [GeneratedRegex(@"(?<=[.!?…])\s+|\s*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();
}
