namespace SupportBot.Contracts;

/// <summary>
/// A category's phases, lowest first: the one ladder API, worker, CLI and console share. Promotion goes
/// one step up at a time; demotion may go down any number of steps (the rules are PhaseRules in Signals).
/// </summary>
public static class CategoryPhases
{
    public const string Offline = "offline";
    public const string Internal = "internal";
    public const string CustomerFacing = "customer-facing";

    public static IReadOnlyList<string> Ordered { get; } = [Offline, Internal, CustomerFacing];

    /// <summary>One step up, or null at the top.</summary>
    public static string? Next(string phase) => IndexOf(phase) is var i and >= 0 && i < Ordered.Count - 1 ? Ordered[i + 1] : null;

    /// <summary>The phases below <paramref name="phase"/>, nearest first.</summary>
    public static IReadOnlyList<string> Below(string phase) => [.. Ordered.Take(Math.Max(0, IndexOf(phase))).Reverse()];

    public static int IndexOf(string phase)
    {
        for (var i = 0; i < Ordered.Count; i++)
        {
            if (Ordered[i] == phase)
            {
                return i;
            }
        }

        return -1;
    }
}
