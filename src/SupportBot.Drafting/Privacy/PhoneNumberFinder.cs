using PhoneNumbers;

namespace SupportBot.Drafting.Privacy;

/// <summary>
/// Phone numbers in free text, found by libphonenumber (Google's metadata of every numbering plan)
/// rather than a regex, which cannot tell "0151 23456789" from a version or a date. A number is looked
/// for as a valid number of the reply's own region and of the regions support replies most often
/// quote, and as a possible (right length) North American number, which catches the fictional
/// 555 numbers that are not valid anywhere.
/// </summary>
internal static class PhoneNumberFinder
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly string[] CommonRegions = ["US", "GB", "DE", "FR", "ES", "IN", "AU", "CA"];

    public static bool ContainsPhoneNumber(string text, string language)
    {
        if (!text.Any(char.IsAsciiDigit) || text.Count(char.IsAsciiDigit) < 7)
        {
            return false;
        }

        var own = RegionOf(language);
        foreach (var region in CommonRegions.Prepend(own).Distinct())
        {
            if (Util.FindNumbers(text, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue).Any())
            {
                return true;
            }
        }

        return Util.FindNumbers(text, "US", PhoneNumberUtil.Leniency.POSSIBLE, long.MaxValue).Any();
    }

    private static string RegionOf(string language) => (language.Length >= 2 ? language[..2] : language).ToLowerInvariant() switch
    {
        "de" => "DE",
        "fr" => "FR",
        "es" => "ES",
        "it" => "IT",
        "nl" => "NL",
        "pt" => "PT",
        _ => "US",
    };
}
