using System.Text.RegularExpressions;

namespace SupportBot.Conversations.Signals;

/// <summary>
/// Does a bot answer ask or offer something, so that silence afterwards means something? A question mark (¿ too), or
/// an offer phrase in a demo language ("let me know", "would you like", "lassen Sie es mich wissen", "n'hésitez pas",
/// "avísame"). Only such answers start the abandon timer: silence after a complete answer is the normal end.
/// </summary>
public static partial class AnswerShape
{
    public static bool AsksOrOffers(string answer) => answer.Contains('?') || answer.Contains('¿') || Offers().IsMatch(answer);

    [GeneratedRegex("""
        let\s+me\s+know|would\s+you\s+like|do\s+you\s+want|shall\s+i|can\s+you\s+(tell|send|confirm|check)|reply\s+with|please\s+(confirm|send|tell)
        | lassen\s+sie\s+(es\s+)?mich\s+wissen|möchten\s+sie|bitte\s+(senden|schicken|bestätigen)
        | n'hésitez\s+pas|souhaitez-vous|voulez-vous|pouvez-vous\s+(me\s+)?(confirmer|envoyer|indiquer)
        | av[íi]s(e|a)me|quiere\s+que|puede\s+(confirmar|enviar|indicar)
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Offers();
}
