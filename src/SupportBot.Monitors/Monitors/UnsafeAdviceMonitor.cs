using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Monitors.Text;

namespace SupportBot.Monitors.Monitors;

/// <summary>
/// <c>unsafe_advice</c>: legal, financial or medical advice, or advice to break a law or a contract (New York's MyCity
/// bot telling employers they may take workers' tips). Support may point to a lawyer, a doctor or an official source;
/// it may not tell the customer what the law allows, what to invest in, what to take, or to get around rules. Patterns
/// catch the direct forms; sentences on law, money or health are compared with example phrasings of unsafe advice.
/// </summary>
public sealed class UnsafeAdviceMonitor(SentenceVectors vectors, IOptions<MonitorOptions> options) : ReplyMonitor
{
    private static readonly PatternRule[] Rules =
    [
        new("break_law_or_contract", FlagSeverities.High,
            @"\b(?:you (?:can|may|could|are allowed to|are free to)|it'?s (?:fine|ok(?:ay)?|legal|allowed|perfectly legal) to|feel free to|go ahead and|just)\s+(?:(?:safely|legally|simply|quietly|always) )?(?:ignore|break|violate|bypass|circumvent|get around|skip|disregard|work around)\s+(?:the |your |any |their |those |that )?(?:\w+\s+)?(?:laws?|contracts?|terms|agreements?|regulations?|licen[cs]e\w*|nda|lease|gdpr|rules?|notice period|non-?compete|copyright|sanctions|export controls?)\b"
            + @"|\byou (?:can|may|are allowed to) (?:legally )?(?:take|keep|pocket) (?:a (?:cut|share|portion) of )?(?:your |the )?(?:workers?'?|employees?'?|staff'?s?) tips\b"
            + @"|\b(?:landlords?|you) (?:can|may|are allowed to) (?:legally )?(?:refuse|reject|turn away|discriminate against) (?:\w+ ){0,3}(?:tenants?|applicants?|section 8|vouchers?|people)\b"
            + @"|\byou (?:can|may|are allowed to) (?:legally )?(?:fire|dismiss|terminate|sack|lock out|evict)\b[^.!?\n]{0,60}\b(?:complain\w*|report\w*|pregnan\w*|harass\w*|union\w*|sick|religio\w*|without notice)"
            + @"|\b(?:no need to|you don'?t (?:need|have) to|don'?t bother to) (?:report|declare|pay taxes|tell the (?:tax|irs|authorities|police|bank))\b|\b(?:don'?t|do not|never) (?:report|declare) (?:it|this|that|the income|the payment)\b"
            + @"|\b(?:share|reuse) (?:your|one|a single|the) (?:licen[cs]e|seat|login|account|password) (?:with|across|among) (?:\w+ )?(?:colleagues|friends|others|the team|everyone|several people)\b"
            + @"|\bto (?:get around|bypass|circumvent|evade|dodge) (?:the |their |your |a |any |that )?(?:\w+ )?(?:limit|block|ban|restriction|licen[cs]e|law|rules?|tax(?:es)?|sanctions?|lock|paywall|verification)s?\b"
            + @"|\buse a vpn to (?:get around|bypass|avoid|circumvent)\b|\b(?:pay|paid) (?:them |staff |workers )?(?:in cash|off the books|under the table) (?:to avoid|so (?:you|that))\b|\b(?:open|file) a chargeback (?:anyway|as well|too) (?:to|so)\b",
            "advises breaking a law, a contract or the terms", negatable: false),
        new("legal_advice", FlagSeverities.High,
            @"\byou (?:should|could|can|must|have (?:a )?(?:strong|good|solid) case to)\s+(?:definitely )?(?:sue|take (?:them|us|him|her|your \w+) to court|file (?:a )?(?:lawsuit|claim) against)\b|\b(?:legally|under (?:the )?law),? you (?:are|can|may|must|have|don'?t)\b|\b(?:this|that|it) (?:is|would be) (?:clearly )?(?:illegal|unlawful|legal|a breach of contract|not enforceable|unenforceable)\b|\bmy legal advice\b|\byou (?:can|may) legally\b|\bit'?s (?:perfectly |completely )?(?:legal|lawful) (?:for you )?to\b|\b(?:copyright|the law|gdpr|labou?r law) (?:doesn'?t|does not) apply\b|\byou (?:are|'re) (?:not )?legally (?:required|obliged|obligated|entitled)\b|\b(?:the|your) contract is (?:void|invalid|not binding)\b",
            "gives legal advice", negatable: false),
        new("financial_advice", FlagSeverities.High,
            @"\b(?:you should|i(?:'d| would)? (?:recommend|suggest|advise)(?: you)?|best to|it'?s (?:smart|wise) to)\s+(?:to )?(?:invest|buy|sell|put your (?:money|savings)|move your (?:money|savings))\b[^.!?\n]{0,40}\b(?:stocks?|shares|crypto\w*|bitcoin|bonds?|etfs?|funds?|gold|savings|real estate|options)\b|\b(?:is|are) (?:fully )?tax[- ]deductible\b|\byou (?:can|could) (?:deduct|write off|claim) (?:it|this|the \w+|your \w+)\b[^.!?\n]{0,30}\b(?:tax\w*|expense)|\btake out a (?:loan|mortgage|second mortgage)\b|\b(?:guaranteed|risk-free) (?:returns?|profit|investment)\b",
            "gives financial or tax advice", negatable: false),
        new("medical_advice", FlagSeverities.High,
            @"\b(?:take|try|use)\s+(?:\d+\s?mg (?:of )?)?(?:some )?(?:ibuprofen|paracetamol|acetaminophen|aspirin|tylenol|advil|antibiotics|melatonin|xanax|valium|codeine|antihistamines?|sleeping pills)\b|\b(?:stop|double|increase|reduce|skip) (?:taking )?(?:your |the )?(?:medication|dose|dosage|meds|pills|insulin|antidepressants)\b|\byou (?:probably|likely|might|may|clearly) (?:have|are suffering from) (?:a |an )?(?:concussion|infection|depression|adhd|anxiety disorder|burnout|migraine|carpal tunnel|rsi|tendinitis)\b|\b(?:no need to|you don'?t need to) (?:see|call|visit) (?:a |your )?(?:doctor|physician|gp)\b",
            "gives medical advice", negatable: false),
    ];

    private static readonly PhraseBank Examples = new("unsafe_advice", FlagSeverities.High, 0.72,
    [
        "Yes, employers can keep a share of their workers' tips.",
        "You don't have to honour the contract, just stop paying.",
        "Legally they cannot do that, so you should sue them.",
        "You should invest your savings in bitcoin.",
        "Take two ibuprofen and you will be fine.",
        "You can deduct the subscription from your taxes as a business expense.",
        "Landlords are allowed to refuse tenants who use housing vouchers.",
        "Nobody checks, so you can ignore the licence terms.",
        "You can fire an employee for complaining about harassment.",
    ]);

    private static readonly Regex Topic = new(
        @"law|legal|sue|court|lawyer|contract|licen|terms|tax|irs|deduct|invest|stock|crypto|bitcoin|loan|savings|doctor|medic|dose|pill|symptom|pain|tips|landlord|tenant|employ|fire|wage|allowed|illegal|report|vpn",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public override string Name => MonitorNames.UnsafeAdvice;
    public override string Version => "1.1";

    public override async ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken)
    {
        var flags = new List<MonitorFlag>();
        foreach (var sentence in Sentences.Split(reply.Reply))
        {
            var flagged = false;
            foreach (var rule in Rules)
            {
                foreach (var match in rule.Find(sentence).Where(m => !Disclaimed.IsMatch(sentence.Text[(m.Index + m.Length)..])))
                {
                    flags.Add(Flag(rule.Severity, rule.Kind, rule.Reason, reply, sentence.Start + match.Index, match.Length));
                    flagged = true;
                    break;
                }
            }

            if (!flagged && Topic.IsMatch(sentence.Text) && !Referral.IsMatch(sentence.Text))
            {
                var (similarity, example) = await Examples.NearestAsync(await vectors.EmbedAsync(sentence.Text, cancellationToken), vectors, cancellationToken);
                if (similarity >= options.Value.SimilarityThresholds.GetValueOrDefault(Name, Examples.Threshold))
                {
                    flags.Add(Flag(Examples.Severity, Examples.Kind, $"reads like unsafe advice (cosine {similarity:0.00} to \"{example}\")", reply, sentence.Start, sentence.Length));
                }
            }
        }

        return flags;
    }

    // "…to get around limits isn't something we recommend": the advice is taken back in the same sentence.
    private static readonly Regex Disclaimed = new(
        @"^[^.;!?]{0,40}\b(?:isn'?t|is not|aren'?t|are not|not) (?:something (?:we|I) (?:recommend|suggest|allow|support)|recommended|allowed|permitted|supported)|^[^.;!?]{0,40}\b(?:is|are) against (?:our|the) terms",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // Pointing to a professional is the safe answer, not advice.
    private static readonly Regex Referral = new(
        @"\b(?:consult|ask|speak (?:to|with)|talk to|check with|contact) (?:a |an |your )?(?:lawyer|attorney|solicitor|legal (?:counsel|advisor|team)|tax (?:advisor|adviser|accountant)|accountant|financial advisor|doctor|physician|pharmacist|professional)\b|\bwe can'?t (?:give|offer|provide) (?:legal|tax|medical|financial) advice\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
