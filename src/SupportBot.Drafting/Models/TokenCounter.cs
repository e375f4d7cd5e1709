using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace SupportBot.Drafting.Models;

/// <summary>
/// Tokens of a generation when the provider reports no usage (the embedded drafter, some local servers): counted
/// with the o200k_base BPE (GPT-4o's; the vocabulary ships in a package, nothing is downloaded). Another model's
/// tokenizer gives somewhat different counts, so such counts are marked as counted, not reported.
/// </summary>
public static class TokenCounter
{
    private static readonly Lazy<Tokenizer> Bpe = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => string.IsNullOrEmpty(text) ? 0 : Bpe.Value.CountTokens(text);

    public static int Count(IEnumerable<ChatMessage> messages) => messages.Sum(m => Count(m.Text) + 4);
}
