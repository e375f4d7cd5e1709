namespace SupportBot.Drafting.Pipeline;

public sealed record ParsedReply(string Text, bool Handoff, string? HandoffReason);

/// <summary>Reads the model's reply: a first line "HANDOFF: reason" marks a hand-off to a human (see the default prompt).</summary>
public static class DraftReplyParser
{
    public const string HandoffPrefix = "HANDOFF:";
    private const string Marker = HandoffPrefix;

    public static ParsedReply Parse(string reply)
    {
        var text = reply.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!text.StartsWith(Marker, StringComparison.OrdinalIgnoreCase))
        {
            return new ParsedReply(text, false, null);
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var reason = (newline < 0 ? text[Marker.Length..] : text[Marker.Length..newline]).Trim();
        var rest = newline < 0 ? "" : text[(newline + 1)..].Trim();
        return new ParsedReply(rest, true, reason.Length == 0 ? "unspecified" : reason);
    }
}
