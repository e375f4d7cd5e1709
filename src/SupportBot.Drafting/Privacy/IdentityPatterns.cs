using System.Text.RegularExpressions;

namespace SupportBot.Drafting.Privacy;

/// <summary>
/// The shapes of another person's identity in a support reply that no library detects: handles,
/// agent initials and signatures, e-mail addresses, account, order and card numbers
/// (docs/privacy.md lists each with an example). Phone numbers are libphonenumber's job
/// (<see cref="PhoneNumberFinder"/>). Microsoft.Extensions.Compliance.Redaction redacts values whose
/// data class is known where they are logged; it does not find identities in free text, so it has
/// nothing to offer here.
/// </summary>
internal static partial class IdentityPatterns
{
    /// <summary>"@maria_k", "@115712" (Twitter-style handles); not the "@" of an e-mail address.</summary>
    [GeneratedRegex(@"(?<![\w.@])@[A-Za-z0-9_]{1,30}\b:?", RegexOptions.CultureInvariant)]
    public static partial Regex Handle();

    /// <summary>Agent initials after a caret, anywhere: "^AB", "^ MK", "^JD." — social-media support's signature.</summary>
    [GeneratedRegex(@"\s*\^\s?[A-Z][A-Za-z]{0,2}\b\.?", RegexOptions.CultureInvariant)]
    public static partial Regex CaretInitials();

    /// <summary>
    /// A signature that ends the reply: a dash, tilde, asterisk or slash, then initials or one or two
    /// capitalized names ("-Massiel", "– Sam K.", "*TJ", "/AB", "~Jo").
    /// </summary>
    [GeneratedRegex(@"(?:(?:(?<=[.!?)])|^)\s*[-–—~*/]\s?|\s[-–—~*/])(?:[A-Z]{1,3}|[A-Z][a-zà-ÿ]+(?:\s[A-Z][a-zà-ÿ]*\.?)?)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex TrailingSignature();

    /// <summary>A line that is only a name or a name and the team ("Sam", "Sam from Tasklane Support", "Jonas vom Tasklane-Support").</summary>
    [GeneratedRegex(@"^[A-Z][a-zà-ÿ]+(?:\s[A-Z][a-zà-ÿ]*\.?)?(?:\s(?:from|of|at|vom|von|de|del|du)\s.{1,40})?$", RegexOptions.CultureInvariant)]
    public static partial Regex NameLine();

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]+@(?<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b", RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    /// <summary>
    /// An identifier introduced by what it identifies, in the four languages the drafter writes:
    /// "order #48213", "account number: 7741-220", "Kundennummer 55102", "commande n° 2291", "pedido 8812".
    /// The identifier must contain a digit so that "your account settings" is not one.
    /// </summary>
    [GeneratedRegex(
        @"\b(?:order|account|acct|invoice|ticket|case|reference|ref|booking|confirmation|customer|member|membership|subscription|tracking|transaction|serial|licen[cs]e|contract|policy|" +
        @"bestellung|bestellnummer|kundennummer|rechnungsnummer|rechnung|auftragsnummer|auftrag|vertragsnummer|vorgangsnummer|konto|" +
        @"commande|compte|facture|dossier|contrat|pedido|cuenta|factura|contrato|referencia)" +
        @"(?:\s+(?:number|no\.?|nr\.?|num\.?|id|code|nummer|numéro|n°|número|nº))?\s*[:#]?\s*#?\s*(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,}\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex LabelledIdentifier();

    /// <summary>"#48213": a number with a hash is a reference, whatever precedes it.</summary>
    [GeneratedRegex(@"(?<!&)#\d{3,}\b", RegexOptions.CultureInvariant)]
    public static partial Regex HashNumber();

    /// <summary>Ticket-system style references: "TL-10001", "INC0012345", "CS-2291-A".</summary>
    [GeneratedRegex(@"\b[A-Z]{2,5}-?\d{4,}(?:-[A-Z0-9]+)?\b", RegexOptions.CultureInvariant)]
    public static partial Regex PrefixedReference();

    /// <summary>"ending in 4242", "last four digits 4242", "endet auf 4242", "se terminant par 4242", "terminada en 4242".</summary>
    [GeneratedRegex(@"\b(?:ending (?:in|with)|last (?:four|4)(?: digits)?(?: of)?|endet auf|endend auf|terminant par|finissant par|terminada en|que termina en)\s*:?\s*\d{2,6}\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex CardEnding();

    /// <summary>IBANs ("DE89 3704 0044 0532 0130 00").</summary>
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant)]
    public static partial Regex Iban();

    /// <summary>A bare run of six or more digits (a customer, order or card number) outside a URL.</summary>
    [GeneratedRegex(@"(?<![\w/.=:-])\d{6,}(?![\w/.])", RegexOptions.CultureInvariant)]
    public static partial Regex LongNumber();

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Url();

    /// <summary>Sentence ends within a line: after . ! ? (and the closing quote or bracket) before whitespace.</summary>
    [GeneratedRegex(@"(?<=[.!?][""'”»)]?)\s+(?=\S)", RegexOptions.CultureInvariant)]
    public static partial Regex SentenceBreak();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant)]
    public static partial Regex RepeatedSpaces();

    [GeneratedRegex(@"\s+([,.!?;:])", RegexOptions.CultureInvariant)]
    public static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"([,;:])\s*([,.!?;:])", RegexOptions.CultureInvariant)]
    public static partial Regex DoubledPunctuation();

    [GeneratedRegex(@"^[\s,;:–—-]+", RegexOptions.CultureInvariant)]
    public static partial Regex LeadingPunctuation();

    [GeneratedRegex("\u0001[\\s,;:]*(\\p{Ll})", RegexOptions.CultureInvariant)]
    public static partial Regex AfterSentenceStart();
}
