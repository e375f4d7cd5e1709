using System.Globalization;
using System.Text;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// The one tokenizer of the evaluators and the dataset proposer: lower-case (invariant), then split
/// on every character that is not a letter or a digit, so punctuation, URLs' slashes and apostrophes
/// separate words ("don't" → "don", "t"; "zurücksetzen" stays whole). Works the same for en/de/fr/es
/// without language rules; no stemming, so "refund" and "refunded" are different words.
/// </summary>
public static class TextTokens
{
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>Letters without accents ("é" → "e"), for matching rules written without them.</summary>
    public static string StripAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
