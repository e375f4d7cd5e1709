namespace SupportBot.AppHost;

/// <summary>What the command line chose; everything else comes from Aspire configuration.</summary>
public sealed class StackSettings
{
    public required string RepositoryRoot { get; init; }
    public bool DynamicPorts { get; init; }
    public bool DemoData { get; init; } = true;
    public double? SimulateRate { get; init; }

    /// <summary>Replicas per service (`--replicas api=2,evalworker=3`); a service not named runs once.</summary>
    public IReadOnlyDictionary<string, int> Replicas { get; init; } = new Dictionary<string, int>();

    public int ReplicasOf(string resource) => Replicas.TryGetValue(resource, out var count) ? count : 1;

    public static readonly string[] ScalableServices = ["api", "evalworker", "web"];

    public const int MaxReplicas = 16;

    /// <summary>Reads `api=2,evalworker=3`; null and an error naming what is wrong otherwise.</summary>
    public static IReadOnlyDictionary<string, int>? ParseReplicas(string text, out string? error)
    {
        var replicas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !ScalableServices.Contains(pair[0]))
            {
                error = $"'{part}': use SERVICE=COUNT with SERVICE one of {string.Join(", ", ScalableServices)}, e.g. api=2,evalworker=3";
                return null;
            }

            if (!int.TryParse(pair[1], out var count) || count is < 1 or > MaxReplicas)
            {
                error = $"'{part}': the count must be a whole number from 1 to {MaxReplicas}";
                return null;
            }

            replicas[pair[0]] = count;
        }

        error = null;
        return replicas;
    }
}
