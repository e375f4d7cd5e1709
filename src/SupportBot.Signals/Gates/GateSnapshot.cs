using SupportBot.Contracts;

namespace SupportBot.Signals.Gates;

/// <summary>What the gate gauges report: the last evaluation the worker made, swapped in whole.</summary>
public sealed record GateSnapshot(IReadOnlyList<CategoryGateView> Gates, IReadOnlyDictionary<string, int> ReviewQueue)
{
    public static readonly GateSnapshot Empty = new([], new Dictionary<string, int>());
}

/// <summary>Holds the current snapshot; gauge callbacks read it, the refresher replaces it.</summary>
public sealed class GateSnapshotHolder
{
    private volatile GateSnapshot _current = GateSnapshot.Empty;

    public GateSnapshot Current => _current;

    public void Replace(GateSnapshot snapshot) => _current = snapshot;
}
