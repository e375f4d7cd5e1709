using System.Text.RegularExpressions;
using DiffPlex;

namespace SupportBot.Web.Inbox;

/// <summary>One run of the diff: "same", "added" (in the reply, not the draft) or "removed" (in the draft, not the reply).</summary>
public sealed record DiffSegment(string Kind, string Text);

/// <summary>
/// The word diff the inbox shows while the agent edits: words, punctuation and whitespace as tokens, so the reply
/// reads as written with its insertions and deletions marked. Case counts (a changed capital is an edit the team made).
/// </summary>
public static partial class WordDiff
{
    public const string Same = "same";
    public const string Added = "added";
    public const string Removed = "removed";

    private static readonly IChunker Tokens = new TokenChunker();

    public static IReadOnlyList<DiffSegment> Compute(string draft, string reply)
    {
        var diff = Differ.Instance.CreateDiffs(draft, reply, ignoreWhiteSpace: false, ignoreCase: false, Tokens);
        var segments = new List<DiffSegment>();
        var oldAt = 0;
        foreach (var block in diff.DiffBlocks)
        {
            Add(segments, Same, diff.PiecesOld, oldAt, block.DeleteStartA - oldAt);
            Add(segments, Removed, diff.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(segments, Added, diff.PiecesNew, block.InsertStartB, block.InsertCountB);
            oldAt = block.DeleteStartA + block.DeleteCountA;
        }

        Add(segments, Same, diff.PiecesOld, oldAt, diff.PiecesOld.Count - oldAt);
        return segments;
    }

    private static void Add(List<DiffSegment> segments, string kind, IReadOnlyList<string> pieces, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var text = string.Concat(pieces.Skip(start).Take(count));
        // Consecutive runs of one kind read as one mark.
        if (segments.Count > 0 && segments[^1].Kind == kind)
        {
            segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        }
        else
        {
            segments.Add(new DiffSegment(kind, text));
        }
    }

    [GeneratedRegex(@"\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_]", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    private sealed class TokenChunker : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => [.. TokenPattern().Matches(text).Select(m => m.Value)];
    }
}
