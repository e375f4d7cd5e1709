namespace SupportBot.Tests.Infrastructure;

/// <summary>Reads the live process tree from /proc, to check what a process left behind.</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var (child, parent) in ParentLinks())
        {
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(child);
        }

        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            foreach (var child in children.GetValueOrDefault(queue.Dequeue()) ?? [])
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Live processes whose command line mentions <paramref name="text"/> (e.g. a state folder).</summary>
    public static IReadOnlyList<string> CommandLinesContaining(string text) =>
        ParentLinks().Select(link => link.Pid).Where(IsAlive).Select(CommandLine)
            .Where(c => c.Contains(text, StringComparison.Ordinal)).ToList();

    public static bool IsAlive(int pid)
    {
        // A zombie has exited; only its parent has not reaped it yet.
        var stat = TryRead($"/proc/{pid}/stat");
        return stat is not null && StateOf(stat) != 'Z';
    }

    public static string CommandLine(int pid) =>
        (TryRead($"/proc/{pid}/cmdline") ?? "").Replace('\0', ' ').Trim();

    private static IEnumerable<(int Pid, int Parent)> ParentLinks()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || TryRead(Path.Combine(directory, "stat")) is not { } stat)
            {
                continue;
            }

            // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            yield return (pid, int.Parse(fields[1]));
        }
    }

    private static char StateOf(string stat) => stat[stat.LastIndexOf(')') + 2];

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
