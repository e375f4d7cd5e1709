using DiffPlex;
using DiffPlex.Chunkers;

namespace SupportBot.Signals.Edits;

/// <summary>
/// Normalized edit distances between a draft and the reply that was sent, from DiffPlex's Myers
/// diff: each changed block costs max(deleted, inserted) units (a replaced word is one edit, as in
/// Levenshtein), divided by the longer text's length, so 0 = unchanged and 1 = nothing kept.
/// </summary>
public static class EditDistance
{
    /// <summary>
    /// Myers' diff costs O((N+M)·D): a fully rewritten 64 KiB reply would take seconds per event. Past
    /// this many characters together the character distance falls back to the word distance.
    /// </summary>
    public const int MaxCharacterDiffLength = 40_000;

    private static readonly IChunker WordChunker = new ReplyTokens.Chunker(ReplyTokens.Words);

    public static double Words(string draft, string sent) => Normalized(draft, sent, WordChunker);

    public static double Characters(string draft, string sent) =>
        draft.Length + sent.Length > MaxCharacterDiffLength ? Words(draft, sent) : Normalized(draft, sent, CharacterChunker.Instance);

    private static double Normalized(string draft, string sent, IChunker chunker)
    {
        var diff = Differ.Instance.CreateDiffs(draft, sent, ignoreWhiteSpace: false, ignoreCase: false, chunker);
        var longer = Math.Max(diff.PiecesOld.Count, diff.PiecesNew.Count);
        if (longer == 0)
        {
            return 0;
        }

        var edits = diff.DiffBlocks.Sum(b => Math.Max(b.DeleteCountA, b.InsertCountB));
        return Math.Clamp((double)edits / longer, 0, 1);
    }
}
