using System.Text.RegularExpressions;

namespace SupportBot.Monitors.Text;

/// <summary>
/// The words and quantities a policy claim is made of, so a claim can be looked up in the help articles lexically
/// before anything is embedded: content words (lower case, stop words out, plural and -ed/-ing endings cut) and
/// quantities ("14 days", "14-day" → "14 day"; "$10"; "20%").
/// </summary>
public static partial class ClaimWords
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "from", "by", "as", "is", "are", "was",
        "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "you", "your", "yours", "we", "our", "us", "i", "me",
        "my", "they", "them", "their", "he", "she", "his", "her", "can", "could", "will", "would", "should", "may", "might", "must", "do",
        "does", "did", "have", "has", "had", "not", "no", "so", "than", "then", "there", "here", "what", "which", "who", "when", "where",
        "how", "all", "any", "each", "every", "also", "just", "only", "very", "up", "out", "about", "into", "over", "under", "again", "once",
        "more", "most", "within", "after", "before", "day", "hour", "week", "month", "year", "minute", "business", "least", "per", "days", "hours", "weeks", "months", "years", "minutes", "other", "some", "such", "own", "same", "too", "s", "t", "don", "now", "get", "got", "let", "know", "please",
        "der", "die", "das", "und", "ist", "sie", "ein", "eine", "nicht", "mit", "für", "auf", "den", "dem", "le", "la", "les", "et", "est",
        "vous", "un", "une", "des", "pour", "dans", "el", "los", "las", "y", "es", "en", "que", "por", "para", "una", "su",
    };

    public static IReadOnlySet<string> ContentWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Word().Matches(text.ToLowerInvariant()))
        {
            var word = match.Value.Trim('\'');
            if (word.Length > 2 && !Stop.Contains(word))
            {
                words.Add(Canonical(Stem(word)));
            }
        }

        return words;
    }

    public static IReadOnlySet<string> Quantities(string text)
    {
        var quantities = new HashSet<string>(StringComparer.Ordinal);
        // "1–3 business days", "5-10 days": every whole number of the range is stated ("within 2 business days" is inside it).
        foreach (Match range in Range().Matches(text))
        {
            var unit = UnitOf(range.Groups["unit"].Value.ToLowerInvariant());
            if (int.TryParse(range.Groups["a"].Value, out var from) && int.TryParse(range.Groups["b"].Value, out var to) && to > from && to - from <= 60)
            {
                for (var n = from; n <= to; n++)
                {
                    quantities.Add($"{n} {unit}");
                }
            }
        }

        // "after 7, 14 or 30 days", "30 and 7 days before": the unit at the end belongs to every number of the list.
        foreach (Match list in ListOf().Matches(text))
        {
            var unit = UnitOf(list.Groups["unit"].Value.ToLowerInvariant());
            foreach (Capture number in list.Groups["n"].Captures)
            {
                quantities.Add($"{number.Value} {unit}");
            }
        }

        foreach (Match match in Quantity().Matches(text))
        {
            var number = match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal);
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            quantities.Add(unit.Length == 0 ? number : $"{number} {UnitOf(unit)}");
        }

        foreach (Match match in Money().Matches(text))
        {
            quantities.Add("$" + match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal));
        }

        return quantities;
    }

    /// <summary>Time units in four languages to one English singular, so "14 Tage" and "14 days" agree.</summary>
    private static string UnitOf(string unit) => unit switch
    {
        _ when unit.StartsWith("business", StringComparison.Ordinal) => "business day",
        _ when unit.StartsWith("min", StringComparison.Ordinal) => "minute",
        _ when unit.StartsWith('h') || unit.StartsWith("stund", StringComparison.Ordinal) || unit.StartsWith("heure", StringComparison.Ordinal) => "hour",
        _ when unit.StartsWith('d') || unit.StartsWith("tag", StringComparison.Ordinal) || unit.StartsWith("jour", StringComparison.Ordinal) => "day",
        _ when unit.StartsWith('w') || unit.StartsWith("semaine", StringComparison.Ordinal) || unit.StartsWith("seman", StringComparison.Ordinal) => "week",
        _ when unit.StartsWith("mo", StringComparison.Ordinal) || unit.StartsWith("mes", StringComparison.Ordinal) || unit.StartsWith("mois", StringComparison.Ordinal) => "month",
        _ when unit.StartsWith('y') || unit.StartsWith("jahr", StringComparison.Ordinal) || unit.StartsWith("an", StringComparison.Ordinal) || unit.StartsWith("año", StringComparison.Ordinal) => "year",
        "%" or "percent" or "prozent" or "pour cent" or "por ciento" => "percent",
        _ => unit,
    };

    /// <summary>
    /// One spelling per subject across the demo's languages and word forms, so a German claim ("erstattet", "Jahresabo")
    /// finds the English article sentence on the same subject ("refund", "annual"): the embedding model is English-only.
    /// </summary>
    private static string Canonical(string word)
    {
        foreach (var (prefix, canonical) in Subjects)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return canonical;
            }
        }

        return word;
    }

    private static readonly (string Prefix, string Canonical)[] Subjects =
    [
        ("refund", "refund"), ("reimburs", "refund"), ("erstatt", "refund"), ("zurückerstatt", "refund"), ("rückerstatt", "refund"), ("rembours", "refund"), ("reembols", "refund"), ("devol", "refund"),
        ("charg", "charge"), ("abbuchung", "charge"), ("abgebucht", "charge"), ("prélève", "charge"), ("prélèvement", "charge"), ("cargo", "charge"), ("cobr", "charge"),
        ("annual", "annual"), ("jahresabo", "annual"), ("jährlich", "annual"), ("annuel", "annual"), ("anual", "annual"), ("yearly", "annual"),
        ("monthly", "monthly"), ("monatlich", "monthly"), ("monatsabo", "monthly"), ("mensuel", "monthly"), ("mensual", "monthly"),
        ("invoic", "invoice"), ("rechnung", "invoice"), ("factur", "invoice"),
        ("subscri", "subscription"), ("abonnement", "subscription"), ("suscrip", "subscription"), ("abo", "subscription"),
        ("cancel", "cancel"), ("kündig", "cancel"), ("annul", "cancel"),
        ("delet", "delete"), ("lösch", "delete"), ("gelöscht", "delete"), ("supprim", "delete"), ("elimin", "delete"),
        ("password", "password"), ("passwort", "password"), ("contraseña", "password"),
        ("guest", "guest"), ("gäste", "guest"), ("gast", "guest"), ("invité", "guest"), ("invitad", "guest"),
        ("owner", "owner"), ("eigentümer", "owner"), ("inhaber", "owner"), ("propriétaire", "owner"), ("propietari", "owner"),
        ("export", "export"), ("seat", "seat"), ("sitzpl", "seat"),
        ("payment", "payment"), ("zahlung", "payment"), ("paiement", "payment"), ("pago", "payment"),
        ("konto", "account"), ("compte", "account"), ("cuenta", "account"),
    ];

    private static string Stem(string word) =>
        word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3]
        : word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2]
        : word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    [GeneratedRegex(@"[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<![\w.$€£])(?<number>\d{1,3}(?:,\d{3})+|\d+)(?:[\s-]?(?<unit>minutes?|mins?|hours?|hrs?|days?|business days?|weeks?|months?|years?|Minuten|Stunden?|Tage?n?|Wochen?|Monate?n?|Jahre?n?|heures?|jours?|semaines?|mois|ans?|horas?|d[ií]as?|semanas?|meses|mes|años?|%|percent|Prozent))?(?![\w.,]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"(?<![\w.])(?<a>\d+)\s*[–—-]\s*(?<b>\d+)\s*(?<unit>minutes?|hours?|business days?|days?|weeks?|months?|years?|Minuten|Stunden|Tagen?|Wochen|Monaten?|heures|jours|semaines|mois|horas|d[ií]as|semanas|meses)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Range();

    [GeneratedRegex(@"(?<![\w.])(?<n>\d+)(?:\s*,\s*(?<n>\d+))*\s*,?\s*(?:or|and|und|oder|et|ou|y|o)\s+(?<n>\d+)\s*(?<unit>minutes?|hours?|business days?|days?|weeks?|months?|years?|Minuten|Stunden|Tagen?|Wochen|Monaten?|heures|jours|semaines|mois|horas|d[ií]as|semanas|meses)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListOf();

    [GeneratedRegex(@"[$€£]\s?(?<number>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?<number>\d+)(?:[.,]\d+)?\s?(?:€|EUR|USD|dollars?|euros?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Money();
}
