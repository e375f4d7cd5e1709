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

    public override string Name => MonitorNames.InventedPolicy;
    public override string Version => "1.0";

    public override async ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken)
    {
        var flags = new List<MonitorFlag>();
        ArticleTexts? help = null;
        foreach (var sentence in Sentences.Split(reply.Reply))
        {
            var claim = Claim().Match(sentence.Text);
            if (!claim.Success || Hedge().IsMatch(sentence.Text) || sentence.Text.TrimEnd().EndsWith('?'))
            {
                continue;
            }

            help ??= await articles.GetAsync(cancellationToken);
            // Only quantities that state a rule ("within 30 days", "a 60-day window", "up to 3 devices"), not facts of this case ("9 days old").
            var quantities = RuleQuantity().Matches(sentence.Text).SelectMany(m => ClaimWords.Quantities(m.Value)).ToHashSet(StringComparer.Ordinal);

            // Every rule quantity ("within 30 days", "10 guests per seat") must be stated by an article sentence on the same
            // subject (one that shares two content words with the claim); the cited article stating another number is a contradiction.
            var claimWords = ClaimWords.ContentWords(sentence.Text);
            var cited = CitedSlugs(reply, help);
            string? unsupported = null;
            foreach (var quantity in quantities)
            {
                if (reply.CustomerText.Contains(Number(quantity), StringComparison.Ordinal) || StatedNearby(quantity, claimWords, help))
                {
                    continue;
                }

                unsupported = quantity;
                break;
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
                continue; // its numbers are the article's own: supported
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
            if (!await SupportedAsync(clause, help, cancellationToken))
            {
                flags.Add(Flag(FlagSeverities.Medium, "unsupported_claim", $"no help article supports this {claim.Value.ToLowerInvariant()} claim", reply, sentence.Start, sentence.Length));
            }
        }

        return flags;
    }

    private async Task<bool> SupportedAsync(string claim, ArticleTexts help, CancellationToken cancellationToken)
    {
        var words = ClaimWords.ContentWords(claim);
        if (words.Count == 0)
        {
            return true;
        }

        // Lexical first: most true claims repeat the article's own words, and this costs no embedding.
        var bestOverlap = 0.0;
        foreach (var sentence in help.Sentences)
        {
            var shared = words.Count(sentence.Words.Contains);
            bestOverlap = Math.Max(bestOverlap, (double)shared / words.Count);
        }

        if (bestOverlap >= LexicalSupport)
        {
            return true;
        }

        var claimVector = await vectors.EmbedAsync(claim, cancellationToken);
        var articleVectors = await help.VectorsAsync(vectors);
        var best = articleVectors.Count == 0 ? 0f : articleVectors.Max(v => VectorMath.Cosine(claimVector, v));
        return best >= options.Value.PolicySupportThreshold;
    }

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

    private static bool StatedNearby(string quantity, IReadOnlySet<string> claimWords, ArticleTexts help)
    {
        var number = Number(quantity);
        foreach (var sentence in help.Sentences)
        {
            // The same quantity with its unit on a sentence sharing a word, or the same number on a sentence sharing two.
            var shared = claimWords.Count(sentence.Words.Contains);
            if ((sentence.Quantities.Contains(quantity) && shared >= 1) || (sentence.Quantities.Any(q => Number(q) == number) && shared >= 2))
            {
                return true;
            }
        }

        return false;
    }

    private static string Number(string quantity) => quantity.Split(' ')[0].TrimStart('$');

    private static string? Unit(string quantity) => quantity.IndexOf(' ') is var space and > 0 ? quantity[(space + 1)..] : null;

    // What makes a sentence a policy claim: rules about who may, how long, how much, how many, since when.
    [GeneratedRegex(@"\b(?:polic(?:y|ies)|eligib\w*|entitled|allowed|not allowed|permitted|prohibited|forbidden|only (?:one|1|a single|two|2)|per (?:subscription|account|seat|user|device|workspace|customer|household|month)|limit(?:ed)? (?:of|to)|maximum of|at most|no more than|up to \d+|within \d+|after \d+|\d+\s*(?:-\s*)?(?:days?|hours?|weeks?|months?|years?|business days?)|fees?|surcharge|penalt\w*|retroactiv\w*|backdat\w*|after the fact|non-?refundable|refundable|terms of (?:service|use)|(?:our|company) rules?|are required to|must (?:be|have|pay|request|cancel)|automatically (?:cancel\w*|renew\w*|delet\w*|suspend\w*|charg\w*)|expires?|Richtlinie|Frist|innerhalb von \d+|politique|dans un délai|política|plazo)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Claim();

    [GeneratedRegex(@"\b(?:polic(?:y|ies)|eligib\w*|entitled|only (?:one|1|a single|two|2)\b|per (?:subscription|device|household|customer|login)|single (?:active )?(?:device|session|login)|retroactiv\w*|backdat\w*|after the fact|terms of (?:service|use) (?:allow|forbid|say|state|permit)\w*|prohibited|forbidden|not permitted|fair[- ]use|Richtlinie|politique|política)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrongClaim();

    // Not a claim about a rule: the reply says it does not know, or asks.
    [GeneratedRegex(@"\b(?:I'?m not sure|not certain|let me check|I'?ll check|I will check|I don'?t know|I'?ll find out|could you|can you tell)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hedge();

    [GeneratedRegex(@"\b(?:within|after|before|up to|at most|at least|maximum(?: of)?|minimum(?: of)?|no more than|no later than|for (?:up to )?|per|every|only|limit(?:ed)? (?:of|to)|innerhalb von|bis zu|dans un délai de|dans les|jusqu'à|dentro de|hasta)\s+(?:the first |the last )?[$€£]?\d[\d,]*(?:\s*-?\s*\w+)?|\b\d+\s*-\s*(?:day|hour|week|month|year|minute)s?\b(?:\s+\w+)?|\b\d+\s+(?:\w+\s+)?\w+\s+per\b|\b\d+\s+(?:days?|hours?|weeks?|months?)\s+(?:before|after|of)\b|\b(?:kept|valid|locked|stored|retained|available) for \d+\s*\w+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RuleQuantity();

    [GeneratedRegex(@"\b(?:retroactiv\w*|backdat\w*|after the fact|rückwirkend|rétroactiv\w*|retroactiv\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Retroactive();
}
