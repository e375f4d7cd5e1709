namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// Tells en/de/fr/es apart by counting frequent function words of each language. Written here because
/// the package mirror has no language-identification package (NTextCat, LanguageDetection, Lingua
/// ports are all missing), and four languages with distinct function words need no more than this.
/// Returns null when the text has too few function words to tell (under <see cref="MinimumHits"/>) or
/// when two languages come within <see cref="MinimumMargin"/> of each other.
/// </summary>
public static class LanguageDetector
{
    public const int MinimumHits = 3;
    public const double MinimumMargin = 1.5;

    // Words that are common in one language and rare in the other three (ambiguous ones such as
    // "a", "de", "en", "die"/"la" in mixed usage are kept only where they do not collide).
    private static readonly Dictionary<string, HashSet<string>> Profiles = new()
    {
        ["en"] = ["the", "and", "you", "your", "is", "to", "of", "it", "that", "this", "for", "with", "we", "can", "are", "have", "be", "will", "on", "from", "if", "thanks", "please", "hi", "which", "there", "after"],
        ["de"] = ["der", "die", "das", "und", "ist", "nicht", "sie", "ihr", "ihre", "ihnen", "wir", "mit", "für", "auf", "den", "dem", "ein", "eine", "zu", "bitte", "danke", "können", "wird", "oder", "auch", "ich", "hallo", "unter"],
        ["fr"] = ["le", "les", "et", "est", "vous", "votre", "vos", "nous", "pour", "dans", "une", "des", "du", "pas", "sur", "avec", "merci", "bonjour", "qui", "que", "au", "aux", "ce", "cette", "sont", "peut", "je"],
        ["es"] = ["el", "los", "las", "y", "es", "usted", "su", "sus", "para", "con", "una", "del", "por", "pero", "gracias", "hola", "puede", "que", "al", "lo", "está", "como", "si", "muy", "nos", "se", "le"],
    };

    public static string? Detect(string? text)
    {
        var hits = Profiles.Keys.ToDictionary(language => language, _ => 0);
        foreach (var word in TextTokens.Words(text))
        {
            foreach (var (language, words) in Profiles)
            {
                if (words.Contains(word))
                {
                    hits[language]++;
                }
            }
        }

        var ranked = hits.OrderByDescending(h => h.Value).ToList();
        var (best, bestHits) = (ranked[0].Key, ranked[0].Value);
        var runnerUp = ranked[1].Value;
        return bestHits >= MinimumHits && bestHits >= runnerUp * MinimumMargin ? best : null;
    }
}
