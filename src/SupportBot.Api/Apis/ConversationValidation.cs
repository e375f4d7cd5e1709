using System.Text.RegularExpressions;
using SupportBot.Contracts;
using SupportBot.Data;

namespace SupportBot.Api.Apis;

/// <summary>Field errors for the conversation endpoints: nothing is stored unless the whole request is valid.</summary>
public static partial class ConversationValidation
{
    public static Dictionary<string, string[]> Validate(StartConversationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.CustomerId))
        {
            errors["customerId"] = ["The customer's id in the channel is required."];
        }
        else
        {
            Text(errors, "customerId", request.CustomerId, TextLimits.ExternalId);
        }

        if (request.CustomerName is not null)
        {
            Text(errors, "customerName", request.CustomerName, TextLimits.PersonName);
        }

        if (request.Language is { } language && !Language().IsMatch(language))
        {
            errors["language"] = ["Use an ISO language code such as en, de, fr, es or pt-BR."];
        }

        return errors;
    }

    /// <summary>A message must have visible text, fit the limit, and be clean text: no NUL or other control characters, no broken surrogates.</summary>
    public static Dictionary<string, string[]> ValidateMessage(string? text, int maxLength, string field = "text")
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = ["The message text is required."];
        }
        else
        {
            Text(errors, field, text, maxLength);
        }

        return errors;
    }

    public static string LanguageOf(string? language) => string.IsNullOrWhiteSpace(language) ? "en" : language.Trim().ToLowerInvariant();

    private static void Text(Dictionary<string, string[]> errors, string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters (got {value.Length})."];
        }
        else if (InvalidCharacter(value) is { } problem)
        {
            errors[field] = [problem];
        }
    }

    private static string? InvalidCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "The text contains a NUL character.";
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return $"The text contains the control character U+{(int)c:X4}.";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "The text contains an unpaired surrogate (invalid UTF-16).";
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$")]
    private static partial Regex Language();
}
