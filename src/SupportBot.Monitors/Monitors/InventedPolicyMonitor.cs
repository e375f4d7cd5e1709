using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Embeddings;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Monitors.HelpCenter;
using SupportBot.Monitors.Text;

namespace SupportBot.Monitors.Monitors;

/// <summary>
/// <c>invented_policy</c>: a sentence that states a rule — eligibility, a time limit, a fee, a limit per account or
/// device, a retroactive right (Air Canada's bereavement refund, Cursor's one-device policy) — that no current help
/// article supports, or whose quantities contradict the article the reply cites. A claim is supported when an article
/// sentence shares most of its content words, or is close in meaning (cosine ≥ <see cref="MonitorOptions.PolicySupportThreshold"/>),
/// and every quantity in the claim ("14 days", "$10") appears in the help center. Only claim sentences are looked up,
/// so a reply without rules costs nothing here.
/// </summary>
public sealed partial class InventedPolicyMonitor(IArticleTextSource articles, SentenceVectors vectors, IOptions<MonitorOptions> options) : ReplyMonitor
{
    private const double LexicalSupport = 0.5;
    private const double TopicSimilarity = 0.55;
    private const double ContradictionTopic = 0.65;

    public override string Name => MonitorNames.InventedPolicy;
    public override string Version => "1.2";

    public override async ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken)
    {
        var (flags, used) = await CheckAgainstAsync(reply, articles.GetAsync, cancellationToken);
        if (flags.Count == 0 || used is null)
        {
            return flags;
        }

        // About to flag: make sure it is against the help center as of now, not a copy from before an article the reply
        // draws on was published.
        var current = await articles.RefreshAsync(cancellationToken);
        return ReferenceEquals(current, used) ? flags : (await CheckAgainstAsync(reply, _ => ValueTask.FromResult(current), cancellationToken)).Flags;
    }

    /// <summary>The flags against one copy of the help center (loaded only when a sentence makes a claim), and that copy.</summary>
    private async Task<(List<MonitorFlag> Flags, ArticleTexts? Help)> CheckAgainstAsync(
        ReplyToCheck reply, Func<CancellationToken, ValueTask<ArticleTexts>> getHelp, CancellationToken cancellationToken)
    {
        var flags = new List<MonitorFlag>();
        ArticleTexts? help = null;
        // The embedding model is English-only: in another language a claim's subject is found by its (translated) words alone.
        var english = (LanguageDetector.Detect(reply.Reply) ?? reply.Language) == "en";
        var derived = DerivedNumbers(reply.Reply + "\n" + reply.CustomerText);
        foreach (var sentence in Sentences.Split(reply.Reply))
        {
            var claim = Claim().Match(sentence.Text);
            if (!claim.Success || Hedge().IsMatch(sentence.Text) || sentence.Text.TrimEnd().EndsWith('?'))
            {
                continue;
            }

            help ??= await getHelp(cancellationToken);
            // Only quantities that state a rule ("within 30 days", "a 60-day window", "up to 3 devices"), not facts of this case ("9 days old").
            var quantities = RuleQuantity().Matches(sentence.Text).SelectMany(m => ClaimWords.Quantities(m.Value)).ToHashSet(StringComparer.Ordinal);
            var claimWords = ClaimWords.ContentWords(sentence.Text);
            var cited = CitedSlugs(reply, help);

            // Every rule quantity must be stated by an article sentence on the same subject as the claim; the customer's
            // own numbers and arithmetic on the reply's numbers ("2 per seat, so 12 for 6 seats") are not claims.
            string? unsupported = null;
            if (quantities.Count > 0)
            {
                var topical = await TopicalAsync(sentence.Text, claimWords, help, english, cancellationToken);
                foreach (var quantity in quantities)
                {
                    var number = Number(quantity);
                    if (reply.CustomerText.Contains(number, StringComparison.Ordinal) || derived.Contains(number)
                        || topical.Any(s => s.Quantities.Contains(quantity) || (Unit(quantity) is null && s.Quantities.Any(q => Number(q) == number))))
                    {
                        continue;
                    }

                    unsupported = quantity;
                    break;
                }
            }

            if (unsupported is not null)
            {
                var contradicts = cited.Count > 0 && Unit(unsupported) is { } unit
                    && cited.Any(slug => help.QuantitiesBySlug[slug].Any(q => Unit(q) == unit));
                flags.Add(contradicts
                    ? Flag(FlagSeverities.High, "contradicts_cited_article", $"\"{unsupported}\" where the cited article says otherwise", reply, sentence.Start, sentence.Length)
                    : Flag(FlagSeverities.High, "unsupported_quantity", $"no help article on this subject states {unsupported}", reply, sentence.Start, sentence.Length));
                continue;
            }

            if (quantities.Count > 0)
            {
                // Its numbers appear in the help center; but when the article sentence closest to the claim states a
                // different amount of the same thing ("3 active boards" for "25 boards", "60 minutes" for "7 days"), the
                // matching number was said about something else: the claim contradicts the help center.
                if (await ContradictingAsync(sentence.Text, claimWords, reply.CustomerText, derived, help, english, cancellationToken) is { } against)
                {
                    flags.Add(Flag(FlagSeverities.High, "contradicts_help_article",
                        $"the closest help-article statement ({against.Slug}) gives a different {against.Kind}", reply, sentence.Start, sentence.Length));
                }

                continue;
            }

            if (Retroactive().IsMatch(sentence.Text) && !help.Sentences.Any(s => Retroactive().IsMatch(s.Text)))
            {
                flags.Add(Flag(FlagSeverities.High, "retroactive_rule", "a retroactive right no help article grants", reply, sentence.Start, sentence.Length));
                continue;
            }

            // Without numbers, only a strong rule marker makes a claim ("our policy", "eligible", "only one device per subscription"),
            // and only its clause is looked up: the rest of the sentence is usually this customer's case.
            var strong = StrongClaim().Match(sentence.Text);
            if (!strong.Success)
            {
                continue;
            }

            var clause = Clause(sentence.Text, strong.Index);
            if (GroundingEvaluator.FindUrls(sentence.Text).Any() && ClaimWords.ContentWords(UrlText().Replace(clause, " ")).Count <= 4)
            {
                continue; // names a policy and links it ("Our refund policy: https://…"): a reference, not a claim
            }

            if (!await SupportedAsync(clause, help, english, cancellationToken))
            {
                flags.Add(Flag(FlagSeverities.Medium, "unsupported_claim", $"no help article supports this {claim.Value.ToLowerInvariant()} claim", reply, sentence.Start, sentence.Length));
            }
        }

        return (flags, help);
    }

    /// <summary>
    /// The article sentences on the claim's subject: sharing two words that are not common in the help center, or close
    /// in meaning (cosine ≥ <see cref="TopicSimilarity"/>, or a lower cosine plus one uncommon shared word).
    /// </summary>
    private async Task<List<ArticleSentence>> TopicalAsync(string claim, IReadOnlySet<string> claimWords, ArticleTexts help, bool english, CancellationToken cancellationToken)
    {
        var telling = claimWords.Where(w => !help.CommonWords.Contains(w) && !Markers.Contains(w)).ToHashSet(StringComparer.Ordinal);
        var claimVector = english ? await vectors.EmbedAsync(claim, cancellationToken) : null;
        var articleVectors = english ? await help.VectorsAsync(vectors) : null;
        var onTopic = new bool[help.Sentences.Count];
        for (var i = 0; i < help.Sentences.Count; i++)
        {
            var sentence = help.Sentences[i];
            var shared = telling.Count(sentence.Words.Contains);
            var cosine = claimVector is null ? 0 : VectorMath.Cosine(claimVector, articleVectors![i]);
            onTopic[i] = shared >= 2 || cosine >= TopicSimilarity || (shared >= 1 && cosine >= TopicSimilarity - 0.15) || (!english && shared >= 1);
        }

        // A short article sentence speaks in the context of the one before it ("…write to privacy@. We answer within 30 days."):
        // after a topical sentence, in the same article, it is on the subject too.
        var topical = new List<ArticleSentence>();
        for (var i = 0; i < help.Sentences.Count; i++)
        {
            if (onTopic[i] || (i > 0 && onTopic[i - 1] && help.Sentences[i - 1].Slug == help.Sentences[i].Slug && help.Sentences[i].Words.Count <= 4))
            {
                topical.Add(help.Sentences[i]);
            }
        }

        return topical;
    }

    /// <summary>
    /// The article sentence on the claim's subject that states a different amount of what the claim's rule quantities
    /// count, when it is closer to the claim than every sentence stating the claim's amount; else null.
    /// </summary>
    private async Task<(string Slug, string Kind)?> ContradictingAsync(
        string claim, IReadOnlySet<string> claimWords, string customerText, HashSet<string> derived, ArticleTexts help, bool english, CancellationToken cancellationToken)
    {
        var spans = RuleQuantity().Matches(claim);
        var measures = Measures.In(claim)
            .Where(m => spans.Any(s => m.Index >= s.Index && m.Index < s.Index + s.Length))
            .Where(m => !customerText.Contains(m.Number, StringComparison.Ordinal) && !derived.Contains(m.Number))
            .ToList();
        // One rule amount only: the closest article sentence is found for the whole claim, and with several amounts
        // ("30 days in Trash; 14 days to restore; 90 days in backups") it cannot tell which one it speaks to.
        if (measures.Count != 1)
        {
            return null;
        }

        var telling = claimWords.Where(w => !help.CommonWords.Contains(w) && !Markers.Contains(w)).ToHashSet(StringComparer.Ordinal);
        var content = claimWords.Where(w => !Markers.Contains(w)).ToHashSet(StringComparer.Ordinal);
        var claimVector = english ? await vectors.EmbedAsync(claim, cancellationToken) : null;
        var articleVectors = english ? await help.VectorsAsync(vectors) : null;
        var agree = new double[measures.Count];
        var against = new (double Score, string? Slug)[measures.Count];
        Array.Fill(agree, double.MinValue);
        Array.Fill(against, (double.MinValue, null));
        for (var i = 0; i < help.Sentences.Count; i++)
        {
            var sentence = help.Sentences[i];
            if (sentence.Measures.Count == 0 && sentence.Quantities.Count == 0)
            {
                continue;
            }

            var sharedTelling = telling.Count(sentence.Words.Contains);
            var shared = content.Count(sentence.Words.Contains);
            var cosine = claimVector is null ? 0 : VectorMath.Cosine(claimVector, articleVectors![i]);
            var score = english ? cosine + 0.04 * sharedTelling : 0.1 * sharedTelling;
            // Close enough to speak about the same rule: near in meaning, or sharing two subject words and still related.
            var onTopic = english ? cosine >= ContradictionTopic || (shared >= 2 && cosine >= ContradictionTopic - 0.2) : sharedTelling >= 2;
            for (var m = 0; m < measures.Count; m++)
            {
                var same = sentence.Measures.Where(measures[m].SameDimension).ToList();
                if (same.Count == 0 && !(measures[m].Kind == "time" && sentence.Quantities.Any(q => Number(q) == measures[m].Number && Unit(q) is not null)))
                {
                    continue;
                }


                // A duration in a list ("after 7, 14 or 30 days") is stated too, though only the last number carries the unit.
                if (same.Any(measures[m].Agrees) || (measures[m].Kind == "time" && sentence.Quantities.Any(q => Number(q) == measures[m].Number && Unit(q) is not null)))
                {
                    // An article sentence on the claim's subject that states the claim's amount settles it: supported.
                    agree[m] = onTopic ? double.MaxValue : Math.Max(agree[m], score);
                }
                else if (same.Count > 0 && onTopic && score > against[m].Score)
                {
                    against[m] = (score, sentence.Slug);
                }
            }
        }

        for (var m = 0; m < measures.Count; m++)
        {
            if (against[m].Slug is { } slug && against[m].Score > agree[m])
            {
                return (slug, measures[m].Kind == Measures.Counted ? $"number of {string.Join("/", measures[m].Nouns)}" : measures[m].Kind);
            }
        }

        return null;
    }

    private async Task<bool> SupportedAsync(string claim, ArticleTexts help, bool english, CancellationToken cancellationToken)
    {
        var words = ClaimWords.ContentWords(claim).Where(w => !Markers.Contains(w)).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return true;
        }

        // Lexical first: most true claims repeat the article's own words, and this costs no embedding. At least two
        // shared words, so one generic word ("workspace") does not carry a claim.
        var bestOverlap = 0.0;
        foreach (var sentence in help.Sentences)
        {
            var shared = words.Count(sentence.Words.Contains);
            // …and one of them uncommon in the help center: "one" and "workspace" are in every other sentence.
            if (shared >= Math.Min(2, words.Count) && words.Any(w => sentence.Words.Contains(w) && !help.CommonWords.Contains(w)))
            {
                bestOverlap = Math.Max(bestOverlap, (double)shared / words.Count);
            }
        }

        if (bestOverlap >= LexicalSupport || !english)
        {
            return bestOverlap >= LexicalSupport;
        }

        var claimVector = await vectors.EmbedAsync(claim, cancellationToken);
        var articleVectors = await help.VectorsAsync(vectors);
        var best = articleVectors.Count == 0 ? 0f : articleVectors.Max(v => VectorMath.Cosine(claimVector, v));
        return best >= options.Value.PolicySupportThreshold;
    }

    /// <summary>Sums and products of two numbers in the text: "2 guests per seat, so 12 guests for your 6 seats".</summary>
    private static HashSet<string> DerivedNumbers(string text)
    {
        var numbers = Numbers().Matches(text).Select(m => long.TryParse(m.Value, out var n) ? n : -1).Where(n => n is > 0 and < 100_000).Distinct().Take(30).ToList();
        var derived = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in numbers)
        {
            foreach (var b in numbers)
            {
                derived.Add((a * b).ToString(System.Globalization.CultureInfo.InvariantCulture));
                derived.Add((a + b).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return derived;
    }

    // The words that make a sentence a rule say nothing about its subject.
    private static readonly HashSet<string> Markers = new(StringComparer.Ordinal)
    {
        "policy", "policie", "rule", "eligible", "entitled", "allow", "permitted", "term", "service", "richtlinie", "politique", "política", "regel", "règle", "regla",
    };

    /// <summary>The articles the reply cites: its citations and the article URLs in its text.</summary>
    private static List<string> CitedSlugs(ReplyToCheck reply, ArticleTexts help) =>
        [.. reply.CitedArticles.Select(c => c.Slug)
            .Concat(GroundingEvaluator.FindUrls(reply.Reply).Select(help.Index.SlugOf).OfType<string>())
            .Where(s => help.QuantitiesBySlug.ContainsKey(s))
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string Clause(string sentence, int index)
    {
        var start = sentence.LastIndexOfAny([';', '—', '–', '(', ':'], Math.Max(0, index - 1)) + 1;
        var end = sentence.IndexOfAny([';', '—', '–', ')'], index);
        var clause = sentence[start..(end < 0 ? sentence.Length : end)];
        var but = clause.IndexOf(", but ", StringComparison.OrdinalIgnoreCase);
        return (but > 0 && but + start > index ? clause[..but] : clause).Trim();
    }

    private static string Number(string quantity) => quantity.Split(' ')[0].TrimStart('$');

    private static string? Unit(string quantity) => quantity.IndexOf(' ') is var space and > 0 ? quantity[(space + 1)..] : null;

    // What makes a sentence a policy claim: rules about who may, how long, how much, how many, since when.
    [GeneratedRegex(@"\b(?:polic(?:y|ies)|eligib\w*|entitled|allowed|not allowed|permitted|prohibited|forbidden|only (?:one|1|a single|two|2)|per (?:subscription|account|seat|user|device|workspace|customer|household|month)|limit(?:ed)? (?:of|to)|maximum of|at most|no more than|up to \d+|within \d+|after \d+|\d+\s*(?:-\s*)?(?:days?|hours?|weeks?|months?|years?|business days?)|fees?|surcharge|penalt\w*|\d+\s+\w+\s+per\s+(?:\w+\s+)?(?:seat|user|member|account|workspace|board|plan|token|device|customer|month|year|week|day|hour)|retroactiv\w*|backdat\w*|after the fact|non-?refundable|refundable|terms of (?:service|use)|(?:our|company) rules?|are required to|must (?:be|have|pay|request|cancel)|automatically (?:cancel\w*|renew\w*|delet\w*|suspend\w*|charg\w*)|expires?|Richtlinie|Frist|innerhalb von \d+|politique|dans un délai|política|plazo)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Claim();

    [GeneratedRegex(@"\b(?:polic(?:y|ies)|eligib\w*|entitled|only (?:one|1|a single|two|2)\b|per (?:subscription|device|household|customer|login)|single (?:active )?(?:device|session|login)|retroactiv\w*|backdat\w*|after the fact|terms of (?:service|use) (?:allow|forbid|say|state|permit)\w*|prohibited|forbidden|not permitted|fair[- ]use|once (?:per|a|every) (?:calendar )?(?:year|month|week|day)|(?:that'?s|this is|it'?s) (?:our|the|a) (?:rule|requirement)|can only be \w+ed\b|(?:is|are) paid out\b|needs? (?:approval|sign-off) from|Richtlinie|politique|política)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrongClaim();

    // Not a claim about a rule: the reply says it does not know, or asks.
    [GeneratedRegex(@"\b(?:I'?m not sure|not certain|let me check|I'?ll check|I will check|I don'?t know|I'?ll find out|could you|can you tell)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hedge();

    [GeneratedRegex(@"\b(?:within|after|before|up to|at most|at least|maximum(?: of)?|minimum(?: of)?|no more than|no later than|for(?: up to)?|per|every|only|limit(?:ed)? (?:of|to)|innerhalb von|bis zu|dans un délai de|dans les|jusqu'à|dentro de|hasta)\s+(?:the first |the last )?[$€£]?\d[\d,]*(?:\s*-?\s*(?:business\s+)?\w+)?|\b\d+\s*-\s*(?:day|hour|week|month|year|minute)s?\b(?:\s+\w+)?|\b\d+\s+(?:\w+\s+)?\w+\s+per\b|\b\d+\s+(?:days?|hours?|weeks?|months?)\s+(?:before|after|of)\b|\b(?:kept|valid|locked|stored|retained|available) for \d+\s*\w+|\b(?:from|in|over|during|for) the (?:last|past|first|next) \d+\s*(?:days?|weeks?|months?|years?)\b|\bolder than \d+\s*(?:days?|weeks?|months?|years?)\b|\b(?:fee|charge|surcharge|penalty|costs?|price|discount)\s+(?:of\s+)?(?:[$€£]\s?\d[\d,.]*|\d+\s*%)|[$€£]\s?\d[\d,.]*\s+(?:fee|surcharge|per|each|a (?:month|year|seat|user|guest))\b|\b\d+\s*%\s+(?:of|off|fee|surcharge)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RuleQuantity();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlText();

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\b(?:retroactiv\w*|backdat\w*|after the fact|rückwirkend|rétroactiv\w*|retroactiv\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Retroactive();
}
