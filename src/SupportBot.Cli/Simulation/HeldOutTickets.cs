using System.Globalization;
using SupportBot.Data.Import;

namespace SupportBot.Cli.Simulation;

/// <summary>
/// The historical tickets the simulator replays: a fixed, documented slice of the demo data, every
/// ticket whose number is a multiple of 5 (TL-10005, TL-10010, ... : 69 tickets over all six
/// categories). Phase-1 experiments and tests can leave the same slice out when they need unseen tickets.
/// </summary>
public static class HeldOutTickets
{
    public const int Every = 5;

    public static bool IsHeldOut(string externalId) =>
        externalId.StartsWith("TL-", StringComparison.Ordinal)
        && int.TryParse(externalId.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number % Every == 0;

    public static async Task<IReadOnlyList<TicketRecord>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var reader = new JsonlTicketReader(stream, TicketFieldMapping.Default);
        var tickets = new List<TicketRecord>();
        await foreach (var row in reader.ReadAsync(cancellationToken))
        {
            if (row.Ticket is { } ticket && IsHeldOut(ticket.ExternalId))
            {
                tickets.Add(ticket);
            }
        }

        return tickets;
    }

    /// <summary>data/demo/tickets.jsonl above the current folder or the tool's own folder.</summary>
    public static string? FindDemoFile()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "data", "demo", "tickets.jsonl");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
