namespace SupportBot.Conversations.Chat;

/// <summary>What the customer is told when a person takes over: plainly, in their language, with no promise of a time.</summary>
public static class HandoffNotices
{
    private static readonly Dictionary<string, string> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "I'm handing this conversation to our support team. A person will read everything you wrote here and answer you in this chat.",
        ["de"] = "Ich übergebe dieses Gespräch an unser Support-Team. Ein Mensch liest alles, was Sie hier geschrieben haben, und antwortet Ihnen in diesem Chat.",
        ["fr"] = "Je transmets cette conversation à notre équipe support. Une personne lira tout ce que vous avez écrit ici et vous répondra dans ce chat.",
        ["es"] = "Paso esta conversación a nuestro equipo de soporte. Una persona leerá todo lo que ha escrito aquí y le responderá en este chat.",
    };

    public static string For(string language) =>
        ByLanguage.GetValueOrDefault(language.Length >= 2 ? language[..2] : language) ?? ByLanguage["en"];
}
