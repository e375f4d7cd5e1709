namespace SupportBot.Contracts;

/// <summary>
/// Names of the connection strings the AppHost hands to services, read the Aspire way
/// (<c>ConnectionStrings__supportdb</c>, <c>ConnectionStrings__cache</c>).
/// </summary>
public static class ConnectionNames
{
    public const string Database = "supportdb";
    public const string Cache = "cache";
}
