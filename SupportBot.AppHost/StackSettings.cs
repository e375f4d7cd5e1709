namespace SupportBot.AppHost;

/// <summary>What the command line chose; everything else comes from Aspire configuration.</summary>
public sealed class StackSettings
{
    public required string RepositoryRoot { get; init; }
    public bool DynamicPorts { get; init; }
    public bool DemoData { get; init; } = true;
    public double? SimulateRate { get; init; }
}
