namespace SupportBot.Contracts;

/// <summary>
/// Text Postgres can store: no NUL (U+0000, which a text column refuses) and no lone UTF-16
/// surrogate (which has no UTF-8 form, so the driver refuses it). One rule for every input:
/// the API's JSON reader and query/route check, the importer and the signal worker use it.
/// </summary>
public static class StorableText
{
    public const string Problem = "contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored";

    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    public static bool IsStorable(string? text) => text is null || IsStorable(text.AsSpan());
}
