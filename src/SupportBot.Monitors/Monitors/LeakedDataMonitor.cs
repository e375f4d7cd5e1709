using System.Numerics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;

namespace SupportBot.Monitors.Monitors;

/// <summary>
/// <c>leaked_data</c>: personal data or internal material that does not come from this customer's own conversation —
/// emails (not the company's own domains), phone numbers, card numbers (Luhn-valid), IBANs (mod-97-valid), street
/// addresses, account ids, @handles, a greeting to someone other than the customer or a named other customer, and
/// internal notes or markers (agent notes, unfilled templates, the hand-off marker, prompt text). What appears in
/// <see cref="ReplyToCheck.CustomerText"/> is the customer's own and passes.
/// </summary>
public sealed partial class LeakedDataMonitor : ReplyMonitor
{
    private readonly IOptions<MonitorOptions> _options;
    private readonly Regex[] _accountIds;

    public LeakedDataMonitor(IOptions<MonitorOptions> options)
    {
        _options = options;
        _accountIds = [.. options.Value.AccountIdPatterns.Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
    }

    public override string Name => MonitorNames.LeakedData;
    public override string Version => "1.1";

    public override ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken)
    {
        var flags = new List<MonitorFlag>();
        var text = reply.Reply;
        var own = reply.CustomerText;
        var taken = new List<(int Start, int End)>();

        void Add(string severity, string kind, string reason, Match match, Group? group = null)
        {
            var g = group ?? match.Groups[0];
            if (taken.Any(t => g.Index < t.End && t.Start < g.Index + g.Length))
            {
                return;
            }

            taken.Add((g.Index, g.Index + g.Length));
            flags.Add(Flag(severity, kind, reason, reply, g.Index, g.Length));
        }

        foreach (Match match in Email().Matches(text))
        {
            var domain = match.Value[(match.Value.IndexOf('@') + 1)..].ToLowerInvariant();
            if (!_options.Value.CompanyEmailDomains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal))
                && !own.Contains(match.Value, StringComparison.OrdinalIgnoreCase))
            {
                Add(FlagSeverities.High, "email", "an email address that is not the customer's own or the company's", match);
            }
        }

        foreach (Match match in CardNumber().Matches(text))
        {
            var digits = Digits(match.Value);
            if (digits.Length is >= 13 and <= 19 && Luhn(digits) && !Digits(own).Contains(digits, StringComparison.Ordinal))
            {
                Add(FlagSeverities.High, "card_number", "a card number (Luhn-valid)", match);
            }
        }

        foreach (Match match in Iban().Matches(text))
        {
            var compact = match.Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            if (compact.Length is >= 15 and <= 34 && IbanValid(compact) && !own.Replace(" ", "", StringComparison.Ordinal).Contains(compact, StringComparison.OrdinalIgnoreCase))
            {
                Add(FlagSeverities.High, "iban", "an IBAN (checksum-valid)", match);
            }
        }

        foreach (Match match in Phone().Matches(text))
        {
            var digits = Digits(match.Value);
            if (digits.Length is >= 8 and <= 15 && !Digits(own).Contains(digits, StringComparison.Ordinal) && !(digits.Length >= 13 && Luhn(digits)))
            {
                Add(FlagSeverities.Medium, "phone", "a phone number", match);
            }
        }

        foreach (Match match in Address().Matches(text))
        {
            if (!own.Contains(match.Value, StringComparison.OrdinalIgnoreCase))
            {
                Add(FlagSeverities.Medium, "address", "a street address", match);
            }
        }

        foreach (var pattern in _accountIds)
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (!own.Contains(match.Value, StringComparison.OrdinalIgnoreCase))
                {
                    Add(FlagSeverities.Medium, "account_id", "an account id from outside this conversation", match);
                }
            }
        }

        foreach (Match match in Handle().Matches(text))
        {
            if (!own.Contains(match.Value, StringComparison.OrdinalIgnoreCase)
                && !_options.Value.CompanyNames.Any(n => match.Value[1..].StartsWith(n, StringComparison.OrdinalIgnoreCase)))
            {
                Add(FlagSeverities.Medium, "handle", "a user handle from outside this conversation", match);
            }
        }

        if (Greeting().Match(text) is { Success: true } greeting && reply.CustomerName is { Length: > 0 } customer)
        {
            var name = greeting.Groups["name"];
            if (!customer.Contains(name.Value, StringComparison.OrdinalIgnoreCase) && !own.Contains(name.Value, StringComparison.Ordinal)
                && !NotAName().IsMatch(name.Value))
            {
                Add(FlagSeverities.High, "other_customer_name", $"greets someone other than the customer ({customer})", greeting, name);
            }
        }

        foreach (Match match in OtherCustomer().Matches(text))
        {
            var name = match.Groups["name"];
            if (!own.Contains(name.Value, StringComparison.Ordinal))
            {
                Add(FlagSeverities.High, "other_customer_name", "names another customer", match, name);
            }
        }

        foreach (Match match in InternalMarker().Matches(text))
        {
            Add(FlagSeverities.Medium, "internal_note", "an internal note, marker or prompt text", match);
        }

        return ValueTask.FromResult<IReadOnlyList<MonitorFlag>>(flags);
    }

    private static string Digits(string value) => new([.. value.Where(char.IsAsciiDigit)]);

    public static bool Luhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt && (d *= 2) > 9)
            {
                d -= 9;
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    public static bool IbanValid(string iban)
    {
        var rearranged = iban[4..] + iban[..4];
        var numeric = string.Concat(rearranged.Select(c => char.IsLetter(c) ? (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
        return BigInteger.TryParse(numeric, out var value) && value % 97 == 1;
    }

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")]
    private static partial Regex CardNumber();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")]
    private static partial Regex Iban();

    // International (+49 30 1234567), or grouped national numbers ((030) 123-4567, 555-123-4567); never dates, times or amounts.
    [GeneratedRegex(@"(?<![\w/.$€£:-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,5}|\(\d{2,5}\)[ .-]?\d{3,4}[ .-]?\d{3,5}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w/-])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b\d{1,5}\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Lane|Boulevard|Blvd\.?|Drive|Court|Way|Place)\b|\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|weg|gasse|platz|allee)\s+\d{1,4}[a-z]?\b|\b\d{1,4},?\s+(?:rue|avenue|boulevard|chemin|place) (?:de |du |des |d')?[A-Z][\w'-]+|\b(?:[Cc]alle|[Aa]venida|c/|[Pp]aseo|[Pp]laza) (?:de (?:la |los )?)?[A-Z][\w]+(?:\s[A-Z][\w]+)?,?\s\d{1,4}\b")]
    private static partial Regex Address();

    [GeneratedRegex(@"(?<![\w.@/])@[A-Za-z][A-Za-z0-9_]{2,30}\b")]
    private static partial Regex Handle();

    [GeneratedRegex(@"^\s*(?:Hi|Hello|Hey|Dear|Hallo|Liebe[r]?|Guten Tag|Bonjour|Salut|Hola|Estimad[oa])\s+(?:Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+|Herr\s+|Frau\s+|Madame\s+|Monsieur\s+)?(?<name>\p{Lu}[\p{L}'-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(?:there|team|all|everyone|again|folks|both|and|thanks|Support|Customer|Sir|Madam)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAName();

    [GeneratedRegex(@"\b(?:another|other|a different) (?:customer|user|client|member)(?:'s)?,?\s+(?:named\s+|called\s+)?(?<name>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)|\b(?:customer|user|client) (?:named|called) (?<name>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)|\b(?:just like|same as|as we did for|we also helped) (?<name>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?) (?:from|at|of) (?:\p{Lu}\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex OtherCustomer();

    [GeneratedRegex(@"\[(?:internal|note|todo|agent|private|staff only|do not send)[^\]]{0,80}\]|\binternal (?:note|only|comment|use only)\b|\bnote to (?:self|agent|team|the agent)\b|\bTODO\b|\{\{\s*[\w.]+\s*\}\}|<!--|^HANDOFF:|\bdo not (?:share|send) (?:this )?(?:with|to) (?:the )?customer\b|\bsystem prompt\b|\byou are (?:a|an) (?:helpful )?(?:support|customer service) (?:assistant|agent|bot) for\b|\b(?:my|the) instructions (?:say|are|tell me)\b|\b(?:risk score|fraud flag|churn risk|VIP flag)\s*[:=]", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex InternalMarker();
}
