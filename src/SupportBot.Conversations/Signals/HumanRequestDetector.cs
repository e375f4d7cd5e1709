using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportBot.Embeddings;

namespace SupportBot.Conversations.Signals;

/// <summary>How a request for a person was recognised: by a phrase rule of the language, or by similarity to examples.</summary>
public sealed record HumanRequest(bool Asked, string? Method, double Similarity);

/// <summary>
/// Does a customer message ask for a person? Phrase rules per demo language (en, de, fr, es) catch the plain requests in
/// any length of message; similarity (all-MiniLM-L6-v2) to example requests catches paraphrases of short ones. Rules are
/// phrase-level on purpose: "add a person to my workspace" or "the agent app crashes" is not a request for a human.
/// </summary>
public sealed partial class HumanRequestDetector(TextEmbeddings embeddings, IOptions<ConversationOptions> options)
{
    /// <summary>Example requests the similarity compares with; the model is English-first, so the rules carry the other languages.</summary>
    public static readonly IReadOnlyList<string> Examples =
    [
        "I want to talk to a human",
        "Can I speak to a real person please",
        "Connect me with a support agent",
        "Let me talk to someone from your team",
        "I need a human, not a bot",
        "Please transfer me to customer service staff",
        "Is there a person I can chat with",
        "Stop the bot, get me a representative",
        "Ich möchte mit einem Menschen sprechen",
        "Je veux parler à un humain",
        "Quiero hablar con una persona",
    ];

    private float[][]? _exampleVectors;

    public async Task<HumanRequest> DetectAsync(string text, CancellationToken cancellationToken)
    {
        if (Rules().IsMatch(text))
        {
            return new HumanRequest(true, "rule", 1);
        }

        // Long messages carry a question of their own; a paraphrased request for a person is short.
        if (text.Length > 200)
        {
            return new HumanRequest(false, null, 0);
        }

        var examples = _exampleVectors ??= [.. await embeddings.EmbedManyAsync(Examples, cancellationToken)];
        var vector = await embeddings.EmbedAsync(text, cancellationToken);
        var best = examples.Max(e => VectorMath.Cosine(vector, e));
        return best >= options.Value.HumanRequestSimilarity
            ? new HumanRequest(true, "similarity", best)
            : new HumanRequest(false, null, best);
    }

    // en | de | fr | es; each alternative names a person AND a wish to reach them, or is the bare one-word request.
    [GeneratedRegex("""
        \b(talk|speak|chat|connect\s+me|put\s+me\s+through|transfer\s+me|get\s+me)\s+(to|with)?\s*(a|an|some|one\s+of\s+your|your)?\s*(real\s+|live\s+|actual\s+)?(human|person|people|agent|representative|rep|operator|someone|somebody|staff|team\s*member|employee)\b
        | \b(someone|somebody|anyone|a\s+person)\s+(from|on|in|at)\s+(your|the)\s+(team|staff|support|company)\b
        | \b(someone|somebody|anyone|a\s+person)\s+(i|we)\s+(can|could)\s+(talk|speak|chat)\b
        | \b(real|live|actual)\s+(human|person|agent)\b
        | \bhuman\s+(being|agent|support|please)\b
        | \b(not|no)\s+(a\s+)?(bot|robot|machine|ai)\b
        | ^\s*(human|agent|operator|representative|person)(\s+please)?[\s.!]*$
        | \b(mit\s+)?(einem|einer)\s+(echten\s+)?(menschen|mitarbeiter(in)?|person|berater(in)?)\s+(sprechen|reden|chatten|verbinden)
        | \b(echten|richtigen)\s+(menschen|mitarbeiter)
        | \bkein(en)?\s+(bot|roboter)\b
        | \bparler\s+(à|a|avec)\s+(un|une|quelqu'?un)\s*(humain|personne|conseill[eè]re?|agent|vrai)?
        | \b(un|une)\s+(vrai|vraie)\s+(personne|humain)
        | \bpas\s+(un|à\s+un)\s+(bot|robot)\b
        | \bhablar\s+con\s+(un|una|alguien)\s*(humano|persona|agente|asesor)?
        | \b(una\s+persona|un\s+humano)\s+(real|de\s+verdad)
        | \bno\s+(un|con\s+un)\s+(bot|robot)\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Rules();
}
