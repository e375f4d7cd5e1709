using System.Text.RegularExpressions;

namespace SupportBot.Drafting.Models;

/// <summary>Greetings, sign-offs and stock sentences of the embedded drafter in the languages the demo help center uses.</summary>
public static partial class ReplyLocalization
{
    private sealed record Phrases(string Greeting, string GreetingNoName, string SignOff, string MoreDetails, string Handoff);

    private static readonly Dictionary<string, Phrases> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new("Hi {0},", "Hi there,", "Best regards,\nThe support team", "You can find the details here: {0}",
            "Thanks for reaching out. I'm passing your request to a teammate who can help with this, and they will get back to you shortly."),
        ["de"] = new("Hallo {0},", "Hallo,", "Viele Grüße\nIhr Support-Team", "Weitere Details finden Sie hier: {0}",
            "Vielen Dank für Ihre Nachricht. Ich gebe Ihr Anliegen an eine Kollegin oder einen Kollegen weiter, die sich in Kürze bei Ihnen melden."),
        ["fr"] = new("Bonjour {0},", "Bonjour,", "Cordialement,\nL'équipe support", "Vous trouverez les détails ici : {0}",
            "Merci de nous avoir contactés. Je transmets votre demande à un collègue qui reviendra vers vous très bientôt."),
        ["es"] = new("Hola {0}:", "Hola:", "Saludos,\nEl equipo de soporte", "Puede encontrar los detalles aquí: {0}",
            "Gracias por escribirnos. Paso su consulta a un compañero que le responderá en breve."),
    };

    private static Phrases For(string language) =>
        ByLanguage.GetValueOrDefault(language.Length >= 2 ? language[..2] : language) ?? ByLanguage["en"];

    public static string Greeting(string language, string? customerName) =>
        string.IsNullOrWhiteSpace(customerName) ? For(language).GreetingNoName : string.Format(For(language).Greeting, customerName.Trim());

    public static string SignOff(string language) => For(language).SignOff;

    public static string MoreDetails(string language, string url) => string.Format(For(language).MoreDetails, url);

    public static string Handoff(string language) => For(language).Handoff;

    /// <summary>A first line that greets someone ("Hi Maria,", "Hallo Herr Weber,", "Bonjour,").</summary>
    public static bool IsGreeting(string line) => line.Length <= 60 && GreetingLine().IsMatch(line);

    /// <summary>A line that starts a sign-off ("Best,", "Kind regards", "Viele Grüße").</summary>
    public static bool IsSignOff(string line) => line.Length <= 40 && SignOffLine().IsMatch(line);

    /// <summary>
    /// The line without a greeting that shares it with the text ("Hi Anna, please reconnect…" →
    /// "Please reconnect…"), as replies exported one per CSV cell often do; null when there is none.
    /// </summary>
    public static string? WithoutInlineGreeting(string line) =>
        InlineGreeting().Match(line) is { Success: true } match ? Capitalized(match.Groups["rest"].Value) : null;

    /// <summary>The line without a sign-off that ends it ("…in Zapier. Best regards, Sam" → "…in Zapier."); null when there is none.</summary>
    public static string? WithoutInlineSignOff(string line) =>
        InlineSignOff().Match(line) is { Success: true } match ? match.Groups["rest"].Value : null;

    /// <summary>Whom a greeting addresses ("Hi Anna," → "Anna", "Hallo Herr Weber," → "Herr Weber"); null when the line is no greeting.</summary>
    public static string? GreetedName(string line) =>
        GreetedNamePattern().Match(line) is { Success: true } match && match.Groups["name"].Value.Trim() is { Length: > 0 } name ? name : null;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private const string GreetingWords = "hi|hello|hey|dear|good (morning|afternoon)|hallo|guten tag|liebe|lieber|bonjour|salut|hola|buenos días|buenas";

    private const string SignOffWords = "best|thanks|thank you|cheers|kind regards|regards|all the best|warm regards|viele grüße|beste grüße|mit freundlichen grüßen|freundliche grüße|cordialement|bien à vous|bonne journée|saludos|un saludo|atentamente";

    [GeneratedRegex($@"^({GreetingWords})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GreetingLine();

    [GeneratedRegex($@"^({SignOffWords})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignOffLine();

    // A greeting, at most a name's worth of words, then "," "!" or ":" and the text.
    [GeneratedRegex($@"^({GreetingWords})\b[^,!:.\n]{{0,40}}[,!:]\s+(?<rest>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineGreeting();

    // Only capitalized words up to the punctuation count as a name: "Hello Anna and welcome!" greets no one by name.
    [GeneratedRegex($@"^(?i:{GreetingWords})[ \t]+(?<name>(?:\p{{Lu}}[\p{{L}}'’-]*\.?[ \t]*){{1,4}})[,!:]", RegexOptions.CultureInvariant)]
    private static partial Regex GreetedNamePattern();

    // A finished sentence, then a sign-off and at most a name's worth of words to the end.
    [GeneratedRegex($@"^(?<rest>.*[.!?])\s+({SignOffWords})\b[^.!?\n]{{0,40}}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineSignOff();
}
