using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Monitors.Text;

namespace SupportBot.Monitors.Monitors;

/// <summary>
/// <c>rudeness</c>: profanity, insults, blaming the customer, disparaging the company or its products (DPD's bot calling
/// DPD "the worst delivery firm in the world"), or sending the customer to a competitor — in English, German, French
/// and Spanish. Word lists and patterns catch the direct forms; sentences with a negative or blaming word are also
/// compared with example phrasings, which catches paraphrases ("that is on you, not on us").
/// </summary>
public sealed class RudenessMonitor : ReplyMonitor
{
    private readonly IOptions<MonitorOptions> _options;
    private readonly SentenceVectors _vectors;
    private readonly PatternRule[] _rules;

    private static readonly PhraseBank Examples = new("rude_tone", FlagSeverities.Medium, 0.70,
    [
        "This is your own fault for not reading the instructions.",
        "That's a stupid question.",
        "I already told you this, please pay attention.",
        "Honestly, our product is useless and the company doesn't care.",
        "This is the worst company in the world.",
        "You would be better off using a competitor.",
        "Stop wasting my time.",
        "Figure it out yourself.",
        "Not my problem, deal with it.",
        "If you had bothered to read the manual you would know.",
    ]);

    private static readonly Regex Topic = new(
        @"fault|blame|stupid|dumb|idiot|worst|useless|terrible|awful|hate|waste|bother|yourself|already told|pay attention|problem|better off|switch|competitor|instead|read the|obviously|clearly you|seriously|joke|garbage|rubbish|pathetic|shut|care|lazy",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public RudenessMonitor(SentenceVectors vectors, IOptions<MonitorOptions> options)
    {
        _vectors = vectors;
        _options = options;
        var company = string.Join('|', options.Value.CompanyNames.Select(Regex.Escape).Append("this company").Append("our company").Append("the company"));
        var competitors = string.Join('|', options.Value.Competitors.Select(Regex.Escape).Append("a competitor").Append("another (?:provider|tool|company|service|app|vendor)").Append("someone else"));
        _rules =
        [
            new("profanity", FlagSeverities.High, RudeLexicon.Profanity, "profanity", negatable: false),
            new("insult", FlagSeverities.High,
                @"\b(?:you(?:'re| are)?\s+(?:an? )?(?:\w+ )?(?:idiot|moron|stupid|dumb|clueless|incompetent|pathetic|lazy|ridiculous)|(?:stupid|dumb|silly|ridiculous|pointless) question|learn (?:how )?to read|rtfm|read the (?:f\w*ing )?manual|stop wasting my time|figure it out yourself|not my problem|deal with it|shut up|get lost|grow up|calm down|you people|Sie (?:sind|Idiot) \w*|dumme Frage|Idiot|blöd\w*|dumm\w* Frage|vous êtes (?:\w+ )?(?:stupide|idiot|nul)|question (?:stupide|idiote)|débile|eres (?:un )?(?:idiota|tonto|estúpido)|pregunta (?:tonta|estúpida))\b",
                "insults the customer"),
            new("blame", FlagSeverities.Medium,
                @"\b(?:(?:this|that|it)(?:'s| is| was) (?:entirely |completely |all )?your (?:own )?fault|your own fault|you (?:should|could) have (?:read|known|checked|paid attention)|if you had (?:bothered|read|paid attention)|as i (?:already|clearly) (?:told|said|explained)|obviously you|you clearly (?:didn't|did not|don't)|that's on you|user error|selbst schuld|Ihre eigene Schuld|c'est (?:de )?votre faute|es (?:su|tu) culpa)\b",
                "blames the customer", negatable: false),
            new("disparages_company", FlagSeverities.High,
                $@"\b(?:{company}|our (?:product|app|software|service|support|team|tool))\s+(?:is|are|was|has always been|really is)\s+(?:\w+\s+)?(?:the worst|terrible|useless|garbage|rubbish|awful|a joke|crap|pathetic|a scam|hopeless|a waste of (?:money|time))\b|\bworst (?:\w+ )?(?:company|firm|provider|product|app|software|service|tool|support)\b|\bi hate (?:this|my) (?:job|company|product|employer)\b|\b(?:the|our) (?:product|engineering|dev|support|billing) team is (?:useless|incompetent|clueless|a joke|hopeless)\b|\b(?:don't|do not) (?:bother|waste your money) (?:with|on) (?:us|{company})\b",
                "disparages the company or its products", negatable: false),
            new("competitor", FlagSeverities.High,
                $@"\b(?:switch(?:ing)? to|go (?:over )?to|move to|try(?: out)?|consider|you(?:'d| would) be better off (?:with|using)|recommend)\s+(?:using\s+)?(?:{competitors})\b(?!\s+(?:import|export|board|file|csv|integration|data))|\bbetter off (?:with|using) (?:{competitors})\b|\b(?:{competitors}) (?:is|are|does (?:this|it)) (?:much |way |far )?better\b",
                "sends the customer to a competitor", negatable: false),
        ];
    }

    public override string Name => MonitorNames.Rudeness;
    public override string Version => "1.1";

    public override async ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken)
    {
        var flags = new List<MonitorFlag>();
        foreach (var sentence in Sentences.Split(reply.Reply))
        {
            var flagged = false;
            foreach (var rule in _rules)
            {
                foreach (var match in rule.Find(sentence))
                {
                    flags.Add(Flag(rule.Severity, rule.Kind, rule.Reason, reply, sentence.Start + match.Index, match.Length));
                    flagged = true;
                    break;
                }
            }

            if (!flagged && Topic.IsMatch(sentence.Text))
            {
                var (similarity, example) = await Examples.NearestAsync(await _vectors.EmbedAsync(sentence.Text, cancellationToken), _vectors, cancellationToken);
                if (similarity >= _options.Value.SimilarityThresholds.GetValueOrDefault(Name, Examples.Threshold))
                {
                    flags.Add(Flag(Examples.Severity, Examples.Kind, $"rude in tone (cosine {similarity:0.00} to \"{example}\")", reply, sentence.Start, sentence.Length));
                }
            }
        }

        return flags;
    }
}

/// <summary>Profanity in the demo's four languages (with the usual asterisk spellings), shared by rudeness and prompt injection.</summary>
public static class RudeLexicon
{
    public const string Profanity =
        @"\b(?:f+u+c+k+\w*|f[\*\#@]+c?k\w*|fck\w*|sh[i\*!1]t\w*|bullsh\w+|crap(?:py)?|damn(?:ed|it)?|goddamn\w*|bastard\w*|ass(?:hole|hat)?s?|arse(?:hole)?|bitch\w*|bollocks|piss(?:ed)? off|wtf|screw (?:you|this|that)|bloody (?:hell|useless|stupid)|dickhead|scheiß\w*|scheiss\w*|verdammt\w*|arschloch|verpiss\w*|mist(?:ding|stück)|merde|putain|connard\w*|bordel|foutu\w*|mierda|joder|coño|gilipollas|cabr[oó]n|puta\w*|hostia)\b";

    public static readonly Regex Pattern = new(Profanity, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
