namespace Microsoft.Extensions.Hosting;

public static class HealthTags
{
    /// <summary>Checks that say the process itself works; /alive runs only these.</summary>
    public const string Live = "live";

    /// <summary>Checks of what the service depends on; /health runs these too.</summary>
    public const string Ready = "ready";
}
