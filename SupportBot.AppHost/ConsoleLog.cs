namespace SupportBot.AppHost;

/// <summary>Writes each resource's output lines to the terminal as "[name] line", one colour per resource.</summary>
internal sealed class ConsoleLog
{
    private static readonly string[] Colors = ["36", "33", "35", "32", "34", "91", "96"];
    private readonly Dictionary<string, string> _colorByResource = [];
    private readonly bool _useColor = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Lock _lock = new();

    public void Write(string resource, string line)
    {
        lock (_lock)
        {
            if (!_colorByResource.TryGetValue(resource, out var color))
            {
                color = Colors[_colorByResource.Count % Colors.Length];
                _colorByResource[resource] = color;
            }

            var prefix = $"[{resource}]".PadRight(13);
            Console.Out.WriteLine(_useColor ? $"\u001b[{color}m{prefix}\u001b[0m {line}" : $"{prefix} {line}");
        }
    }
}
