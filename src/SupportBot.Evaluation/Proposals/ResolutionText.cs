using System.Text.RegularExpressions;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Evaluation.Proposals;

/// <summary>
/// What a resolution is clustered on: the subject and the sent reply without its greeting and sign-off
/// (short first and last paragraphs: "Hi Leah," / "Best, Sam from Support"), with each URL reduced to its
/// last path segment (a help-article slug such as "refund-policy" is a strong hint of the behaviour).
/// Customer and agent names would otherwise be among the most distinctive terms.
/// </summary>
public static partial class ResolutionText
{
    private const int FrameParagraphMaxWords = 8;

    public static string For(string subject, string sentReply)
    {
        var paragraphs = ParagraphBreak().Split(sentReply.Trim()).Where(p => p.Trim().Length > 0).ToList();
        if (paragraphs.Count > 2 && WordCount(paragraphs[0]) <= FrameParagraphMaxWords)
        {
            paragraphs.RemoveAt(0);
        }

        if (paragraphs.Count > 1 && WordCount(paragraphs[^1]) <= FrameParagraphMaxWords)
        {
            paragraphs.RemoveAt(paragraphs.Count - 1);
        }

        var body = Url().Replace(string.Join("\n", paragraphs), m => " " + m.Groups["last"].Value.Replace('-', ' ') + " ");
        return $"{subject}\n{body}";
    }

    private static int WordCount(string paragraph) => TextTokens.Words(paragraph).Count;

    [GeneratedRegex(@"\r?\n\s*\r?\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://\S*?(?<last>[\w-]*)(?=[\s.,;:)!?]*(\s|$))")]
    private static partial Regex Url();
}
