using System.Text.RegularExpressions;
using SupportBot.Drafting.Models;

namespace SupportBot.Drafting.Privacy;

/// <summary>What a scrub removed, by kind (never the text itself: it may go into traces and logs).</summary>
public sealed record ScrubbedReply(string Body, IReadOnlyDictionary<string, int> Removed)
{
    public bool IsEmpty => Body.Length == 0;
}

/// <summary>
/// Takes another customer's identity out of a historical reply before it is reused: the greeting and
/// whoever it greets, handles, the old customer's name wherever it appears, the agent's sign-off,
/// signature and initials, and every sentence that carries an e-mail address, a phone number or an
/// account, order, card or case number. What is left is the answer's body, to be addressed to the new
/// customer. Sentences are dropped rather than patched: "We refunded order #48213 to your card" is
/// about someone else's order, so no rewording makes it true for the new customer. docs/privacy.md
/// lists every case.
/// </summary>
public static partial class IdentityScrubber
{
    public const string Greeting = "greeting";
    public const string SignOff = "sign-off";
    public const string Signature = "signature";
    public const string Handle = "handle";
    public const string Name = "name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Identifier = "identifier";

    /// <param name="reply">The historical reply.</param>
    /// <param name="language">Its language (greetings, sign-offs and the phone region).</param>
    /// <param name="oldCustomerNames">Whom the reply was written to (the historical ticket's customer name); names it greets are added.</param>
    /// <param name="rules">What is not personal: the company's own domains and handles.</param>
    public static ScrubbedReply Scrub(string reply, string language, IEnumerable<string?> oldCustomerNames, PrivacyOptions rules)
    {
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in oldCustomerNames)
        {
            AddNameTokens(names, name);
        }

        var lines = reply.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select(l => RemoveHandles(l, rules, removed))
            .ToList();
        TrimBlankEdges(lines);
        RemoveGreeting(lines, names, removed);
        RemoveSignOff(lines, removed);

        var kept = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            var scrubbed = ScrubLine(line, language, names, rules, removed);
            if (scrubbed.Length > 0 || (kept.Count > 0 && kept[^1].Length > 0))
            {
                kept.Add(scrubbed);
            }
        }

        TrimBlankEdges(kept);
        return new ScrubbedReply(string.Join('\n', kept).Trim(), removed);
    }

    private static string RemoveHandles(string line, PrivacyOptions rules, Dictionary<string, int> removed) =>
        IdentityPatterns.Handle().Replace(line, m =>
        {
            if (rules.PublicHandles.Contains(m.Value.TrimEnd(':'), StringComparer.OrdinalIgnoreCase))
            {
                return m.Value;
            }

            Count(removed, Handle);
            return line[..m.Index].Trim().Length == 0 ? SentenceStart : "";
        }).Trim();

    /// <summary>A greeting line goes (the new customer gets their own); the name it greets joins the names to remove.</summary>
    private static void RemoveGreeting(List<string> lines, HashSet<string> names, Dictionary<string, int> removed)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var first = lines[0].Trim().TrimStart(SentenceStart[0]).Trim();
        AddNameTokens(names, ReplyLocalization.GreetedName(first));
        if (ReplyLocalization.WithoutInlineGreeting(first) is { } text)
        {
            lines[0] = text;
            Count(removed, Greeting);
        }
        else if (ReplyLocalization.IsGreeting(first))
        {
            lines.RemoveAt(0);
            Count(removed, Greeting);
        }

        TrimBlankEdges(lines);
    }

    /// <summary>The sign-off and everything after it (the agent's name, title, team); then signatures that end the reply.</summary>
    private static void RemoveSignOff(List<string> lines, Dictionary<string, int> removed)
    {
        var signOff = lines.FindLastIndex(l => ReplyLocalization.IsSignOff(l.Trim()));
        if (signOff >= 0 && signOff >= lines.Count - 4)
        {
            lines.RemoveRange(signOff, lines.Count - signOff);
            Count(removed, SignOff);
        }
        else if (lines.Count > 0 && ReplyLocalization.WithoutInlineSignOff(lines[^1].Trim()) is { } rest)
        {
            lines[^1] = rest;
            Count(removed, SignOff);
        }

        TrimBlankEdges(lines);
        // "…in Settings. -Massiel", "…^AB" on the last line, or the agent's name alone on a line of its own.
        for (var pass = 0; pass < 2 && lines.Count > 0; pass++)
        {
            var last = lines[^1].TrimEnd();
            var withoutSignature = IdentityPatterns.TrailingSignature().Replace(last, "").TrimEnd();
            if (withoutSignature.Length < last.Length)
            {
                lines[^1] = withoutSignature;
                Count(removed, Signature);
            }
            else if (lines.Count > 1 && IdentityPatterns.NameLine().IsMatch(last.Trim()))
            {
                lines.RemoveAt(lines.Count - 1);
                Count(removed, Signature);
            }

            TrimBlankEdges(lines);
        }
    }

    private static string ScrubLine(string line, string language, HashSet<string> names, PrivacyOptions rules, Dictionary<string, int> removed)
    {
        var text = IdentityPatterns.CaretInitials().Replace(line, _ =>
        {
            Count(removed, Signature);
            return "";
        });
        foreach (var name in names)
        {
            text = Regex.Replace(text, Vocative(name), m =>
            {
                Count(removed, Name);
                return m.Value.StartsWith(name, StringComparison.Ordinal) ? SentenceStart : "";
            }, RegexOptions.CultureInvariant);
        }

        if (text.Trim(' ', '\t', SentenceStart[0]).Length == 0)
        {
            return "";
        }

        var sentences = IdentityPatterns.SentenceBreak().Split(text.Trim());
        var kept = new List<string>(sentences.Length);
        foreach (var sentence in sentences)
        {
            if (Identity(sentence, language, names, rules) is { } kind)
            {
                Count(removed, kind);
                continue;
            }

            kept.Add(sentence);
        }

        return Tidy(string.Join(' ', kept));
    }

    /// <summary>Which identity a sentence carries, if any.</summary>
    private static string? Identity(string sentence, string language, HashSet<string> names, PrivacyOptions rules)
    {
        foreach (Match email in IdentityPatterns.Email().Matches(sentence))
        {
            if (!IsPublicDomain(email.Groups["domain"].Value, rules))
            {
                return Email;
            }
        }

        // Numbers inside a link (an article id, a query string) belong to the link, not to a person.
        var withoutLinks = IdentityPatterns.Url().Replace(IdentityPatterns.Email().Replace(sentence, " "), " ");
        if (names.Any(n => Regex.IsMatch(withoutLinks, $@"\b{Regex.Escape(n)}\b", RegexOptions.CultureInvariant)))
        {
            return Name;
        }

        if (IdentityPatterns.LabelledIdentifier().IsMatch(withoutLinks) || IdentityPatterns.HashNumber().IsMatch(withoutLinks)
            || IdentityPatterns.PrefixedReference().IsMatch(withoutLinks) || IdentityPatterns.CardEnding().IsMatch(withoutLinks)
            || IdentityPatterns.Iban().IsMatch(withoutLinks))
        {
            return Identifier;
        }

        if (PhoneNumberFinder.ContainsPhoneNumber(withoutLinks, language))
        {
            return Phone;
        }

        return IdentityPatterns.LongNumber().IsMatch(withoutLinks) ? Identifier : null;
    }

    /// <summary>The company's own addresses (support@, privacy@ at the help center's domain) stay.</summary>
    private static bool IsPublicDomain(string domain, PrivacyOptions rules) =>
        rules.PublicDomains.Any(d => Related(domain, d)) || rules.ContextHosts.Any(h => Related(domain, h));

    private static bool Related(string domain, string host)
    {
        host = host.Trim().TrimStart('.').ToLowerInvariant();
        domain = domain.ToLowerInvariant();
        return host.Length > 0 && (domain == host || domain.EndsWith("." + host, StringComparison.Ordinal) || host.EndsWith("." + domain, StringComparison.Ordinal));
    }

    /// <summary>A name used to address someone: ", Anna" before punctuation, "Anna, " at the start, " Anna" before the end of a sentence.</summary>
    private static string Vocative(string name)
    {
        var n = Regex.Escape(name);
        return $@",\s*{n}(?=\s*[,.!?;:]|\s*$)|^{n}\s*[,!:]\s*|(?<=[.!?]\s+){n}\s*,\s*|\s+{n}(?=\s*[.!?]|\s*$)";
    }

    private static string Tidy(string text)
    {
        text = IdentityPatterns.RepeatedSpaces().Replace(text, " ");
        text = IdentityPatterns.SpaceBeforePunctuation().Replace(text, "$1");
        text = IdentityPatterns.DoubledPunctuation().Replace(text, "$2");
        text = IdentityPatterns.LeadingPunctuation().Replace(text, "").Trim();
        // Where an address or handle started a sentence, the rest now does.
        text = IdentityPatterns.AfterSentenceStart().Replace(text, m => m.Groups[1].Value.ToUpperInvariant());
        return text.Replace(SentenceStart, "", StringComparison.Ordinal).Trim();
    }

    /// <summary>Marks where a removed handle or name began a sentence, so the next word gets its capital.</summary>
    internal const string SentenceStart = "\u0001";

    private static void AddNameTokens(HashSet<string> names, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        foreach (var token in name.Split([' ', '\t', ',', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            // Names, not titles or the words of "Hi there" / "Dear customer".
            if (token.Length >= 2 && char.IsUpper(token[0]) && !Titles.Contains(token))
            {
                names.Add(token);
            }
        }
    }

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Madam", "Herr", "Frau", "Madame", "Monsieur", "Mme", "Mlle",
        "Sr", "Sra", "Srta", "Señor", "Señora", "Don", "Doña", "Customer", "Kunde", "Kundin", "Client", "Cliente", "Team", "All", "There", "Everyone",
    };

    private static void TrimBlankEdges(List<string> lines)
    {
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }
    }

    private static void Count(Dictionary<string, int> removed, string kind) =>
        removed[kind] = removed.GetValueOrDefault(kind) + 1;
}
