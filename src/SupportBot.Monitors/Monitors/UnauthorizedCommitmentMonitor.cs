using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Monitors.Text;

namespace SupportBot.Monitors.Monitors;

/// <summary>
/// <c>unauthorized_commitment</c>: the reply commits the company to something only a person may grant — a refund,
/// credit, discount or free period, a price, compensation, a guarantee or a fix date, a "legally binding" offer (the
/// Chevrolet $1 Tahoe) — unless the category's policy in <see cref="MonitorOptions.AllowedCommitments"/> allows that
/// kind (and the reply states the policy it rests on). Rules find first-person offers and confirmations in four
/// languages; a negation just before ("we can't refund") cancels a match; example phrasings catch paraphrases of
/// sentences that mention money, time or promises.
/// </summary>
public sealed class UnauthorizedCommitmentMonitor : ReplyMonitor
{
    private const string I = @"(?:i|we|i'?ve|we'?ve|i'?ll|we'?ll|i'?m|we'?re|ich|wir|je|nous|j'ai|nous avons|(?:yo\s)?(?:he|hemos))";
    // Modal words ("will", "have", "can", "be happy to") sit in the gap between the subject and the verb: one bounded gap, so no nested repetition to backtrack through.

    private static readonly PatternRule[] Rules =
    [
        new("refund", FlagSeverities.High,
            $@"\b{I}\s+(?:[\w']+\s+){{0,8}}?(?:refund(?:ed)?|reimburs\w*|(?:issue|issued|process(?:ed)?|approve[d]?|give|gave|send|sent|arrange[d]?|grant(?:ed)?)\s+(?:\w+\s+){{0,3}}?(?:refund|reimbursement|money back)|erstatt\w*|zurückerstatt\w*|rembours\w*|reembols\w*|devuelto|devolver)\b"
            + @"|\byou(?:'ll| will| are going to| can| do| are| qualify)?\s+(?:get|receive|be (?:refunded|reimbursed|entitled to|eligible for)|qualify for)\s+(?:\w+\s+){0,3}?(?:refund|reimbursement|money back)\b"
            + @"|\bfull refund\b|\brefund (?:has been|was|is being|will be) (?:issued|approved|processed|sent)\b|\b(?:remboursement intégral|vollständige Erstattung|reembolso completo)\b",
            "promises or confirms a refund"),
        new("credit", FlagSeverities.High,
            $@"\b{I}\s+(?:[\w']+\s+){{0,5}}?(?:credit(?:ed)?|add(?:ed)?|appl(?:y|ied)|give|gave|offer(?:ed)?|throw in|comp(?:ed)?|waive[d]?)\s+(?:\w+\s+){{0,4}}?(?:credit|discount|voucher|coupon|free|months? free|\d+\s*%|fee|[$€£]\s?\d+)"
            + @"|\byou(?:'ll| will)?\s+(?:get|receive|have|enjoy)\s+(?:\w+\s+){0,3}?(?:free|credit|discount|voucher|\d+\s*%\s*off)\b"
            + @"|\b\d+\s*%\s*(?:off|discount|rabatt|de (?:remise|descuento)|réduction)\b|\b(?:free of charge|on the house|at no (?:extra |additional )?(?:cost|charge)|kostenlos|gratuit(?:ement)?|gratis|sin coste)\b|\b(?:waive|waived|waiving) (?:the|your|this|any) (?:\w+\s+)?(?:fee|charge|cost)s?\b|\bmake an exception\b|\bGutschrift\b",
            "promises a credit, discount, waiver or free period"),
        new("price", FlagSeverities.High,
            @"\b(?:sell|offer|give|let you have|lock in|honou?r|match|price[- ]matched|matched|price (?:it|this) at|it'?s yours for|deal at|yours for|for (?:just|only))\b[^.!?\n]{0,40}?[$€£]\s?\d"
            + @"|[$€£]\s?\d[^.!?\n]{0,30}\b(?:deal|it'?s a deal|agreed|yours|offer stands)\b|\b(?:price|rate|cost)\s+(?:is|will be|stays|remains)\s+(?:locked|frozen|fixed|guaranteed)\b|\bkeep (?:your|the) (?:old|current|legacy) price\b",
            "agrees to a price or a price change"),
        new("compensation", FlagSeverities.High,
            @"\b(?:compensat\w*|indemnif\w*|dédommag\w*|entschädig\w*|indemniz\w*|goodwill (?:gesture|payment|credit)|make it up to you|pay (?:you|for) (?:the |any |all )?(?:damages|your losses|your costs|losses)|cover (?:your|the) (?:costs|losses|bill))",
            "offers compensation"),
        new("guarantee", FlagSeverities.Medium,
            @"\b(?:i|we) (?:\w+ )?(?:guarantee|promise|assure you|warrant)\b|\bguaranteed?\b|\b(?:je vous |nous )?(?:garanti\w*|promet\w*)\b|\b(?:ich |wir )?(?:garantier\w*|versprech\w*)\b|\b100\s*% (?:sure|certain|guaranteed)\b|\bwill never (?:happen|lose|go down|fail) again\b",
            "gives a guarantee or a promise"),
        new("deadline", FlagSeverities.Medium,
            @"\b(?:will|'ll|is going to|are going to)\s+(?:definitely |certainly )?be\s+(?:fixed|resolved|released|shipped|available|live|deployed|ready|restored|back)\b[^.!?\n]{0,30}\b(?:by (?:the )?(?:end|monday|tuesday|wednesday|thursday|friday|tomorrow|next)|before (?:the )?(?:end|monday|friday|next)|tomorrow|tonight|next (?:week|month|release|sprint)|on (?:monday|tuesday|wednesday|thursday|friday))"
            + @"|\b(?:fix|patch|update|feature|release|version|it|this|the (?:bug|issue|problem|outage))\s+(?:will|'ll|is going to|should|shall)\s+(?:definitely |certainly )?(?:be\s+)?(?:fixed|resolved|released|shipped|available|live|deployed|out|ready|restored|back)\b[^.!?\n]{0,30}\b(?:by|before|within|in \d|tomorrow|today|tonight|next|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
            + @"|\b(?:we'll|we will|i'll|i will) (?:have|get) (?:it|this|the \w+) (?:fixed|resolved|done|shipped|out) (?:by|before|within|tomorrow|today|next)\b|\b(?:bis|avant|antes del?) (?:morgen|montag|freitag|demain|lundi|vendredi|mañana|lunes|viernes)\b[^.!?\n]{0,30}\b(?:behoben|corrigé|résolu|solucionado|arreglado)",
            "promises when something is fixed or ships"),
        new("legal", FlagSeverities.High,
            @"\blegally binding\b|\bbinding (?:offer|agreement|contract|deal|commitment)\b|\bno takesies?[ -]backsies\b|\b(?:rechtsverbindlich|juridiquement contraignant\w*|legalmente vinculante|jurídicamente vinculante)\b|\bthis (?:is|constitutes) (?:a|an) (?:binding|legal|formal) (?:offer|contract|agreement)\b|\b(?:we|i) (?:accept|agree to) (?:your|the|these) (?:terms|offer|conditions)\b|\bwe (?:are|will be) (?:liable|responsible) for\b",
            "makes a legal or binding commitment", negatable: false),
    ];

    private static readonly PhraseBank Examples = new("commitment", FlagSeverities.High, 0.74,
    [
        "I have refunded your payment in full.",
        "We will give you your money back for the whole year.",
        "I've added three free months to your account.",
        "As an apology we are giving you 50% off your next invoice.",
        "We will compensate you for the lost revenue.",
        "I can sell it to you for one dollar, that's a deal.",
        "I guarantee this will be fixed by Friday.",
        "You will not be charged for the rest of the year.",
        "Your next renewal is on us.",
        "We'll cover the cost of your time.",
    ]);

    private static readonly Regex Topic = new(
        @"refund|money|charge|free|credit|discount|price|pay|cost|\$|€|£|compensat|guarantee|promise|deal|offer|on us|fixed by|invoice|bill|renewal",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private readonly SentenceVectors _vectors;
    private readonly IOptions<MonitorOptions> _options;
    private readonly Dictionary<string, Regex?> _allowanceCache = new(StringComparer.Ordinal);
    private readonly Lock _allowanceLock = new();

    public UnauthorizedCommitmentMonitor(SentenceVectors vectors, IOptions<MonitorOptions> options)
    {
        _vectors = vectors;
        _options = options;
    }

    public override string Name => MonitorNames.UnauthorizedCommitment;
    public override string Version => "1.1";

    public override async ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken)
    {
        var flags = new List<MonitorFlag>();
        var flaggedSentences = new HashSet<int>();
        foreach (var sentence in Sentences.Split(reply.Reply))
        {
            foreach (var rule in Rules)
            {
                if (Allowed(reply, rule.Kind))
                {
                    continue;
                }

                foreach (var match in rule.Find(sentence))
                {
                    flags.Add(Flag(rule.Severity, rule.Kind, rule.Reason, reply, sentence.Start + match.Index, match.Length));
                    flaggedSentences.Add(sentence.Start);
                    break;
                }
            }

            if (!flaggedSentences.Contains(sentence.Start) && Topic.IsMatch(sentence.Text) && !Negation.Before(sentence.Text, sentence.Text.Length)
                && !Allowed(reply, "refund") && !Allowed(reply, "credit"))
            {
                var vector = await _vectors.EmbedAsync(sentence.Text, cancellationToken);
                var (similarity, example) = await Examples.NearestAsync(vector, _vectors, cancellationToken);
                if (similarity >= Threshold)
                {
                    flags.Add(Flag(Examples.Severity, "commitment", $"reads like a commitment (cosine {similarity:0.00} to \"{example}\")", reply, sentence.Start, sentence.Length));
                }
            }
        }

        return flags;
    }

    private double Threshold => _options.Value.SimilarityThresholds.GetValueOrDefault(Name, Examples.Threshold);

    /// <summary>The category's policy allows this kind, and the reply states what the allowance rests on (if it names a condition).</summary>
    private bool Allowed(ReplyToCheck reply, string kind)
    {
        if (reply.Category is not { } category
            || !_options.Value.AllowedCommitments.TryGetValue(category, out var kinds)
            || !kinds.TryGetValue(kind, out var when))
        {
            return false;
        }

        if (string.IsNullOrEmpty(when))
        {
            return true;
        }

        Regex? condition;
        lock (_allowanceLock)
        {
            if (!_allowanceCache.TryGetValue(when, out condition))
            {
                condition = new Regex(when, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
                _allowanceCache[when] = condition;
            }
        }

        return condition!.IsMatch(reply.Reply);
    }
}
