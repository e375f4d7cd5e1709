using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Import;

namespace SupportBot.Api.Apis;

/// <summary>Field checks for an incoming ticket; each failure is reported under its field name.</summary>
public static class TicketValidation
{
    public static Dictionary<string, string[]> Validate(CreateTicketRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        // As the importer: a ticket from chat or a form may have no subject; the body is what gets answered.
        Optional(errors, "subject", request.Subject, TextLimits.Subject);
        Required(errors, "body", request.Body, TextLimits.Body);
        Optional(errors, "externalId", request.ExternalId, TextLimits.ExternalId);
        Optional(errors, "category", request.Category, TextLimits.CategoryName);
        Optional(errors, "customerName", request.CustomerName, TextLimits.PersonName);
        Optional(errors, "priority", request.Priority, TextLimits.Priority);
        if (!LanguageCodes.TryNormalize(request.Language, out _))
        {
            errors["language"] = [$"Use {LanguageCodes.Rule}."];
        }

        if (request.Tags is { } tags && (tags.Length > TextLimits.MaxTags || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > TextLimits.Tag)))
        {
            errors["tags"] = [$"At most {TextLimits.MaxTags} tags, each 1 to {TextLimits.Tag} characters."];
        }

        return errors;
    }

    private static void Required(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {field} is required."];
        }
        else if (value.Length > max)
        {
            errors[field] = [$"The {field} may be at most {max} characters (got {value.Length})."];
        }
    }

    private static void Optional(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors[field] = [$"The {field} may be at most {max} characters (got {value.Length})."];
        }
    }
}
