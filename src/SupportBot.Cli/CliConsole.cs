using Spectre.Console;

namespace SupportBot.Cli;

/// <summary>
/// Spectre output on the command's writer: tables render the same to a terminal, a file or a
/// test's StringWriter; colours and live widgets only on an interactive terminal.
/// </summary>
internal static class CliConsole
{
    public static bool IsInteractive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>
    /// Boxes on a terminal; plain columns separated by spaces when piped or written to a file, so grep, awk and
    /// cut see the values and not box-drawing characters (every table command also has --json).
    /// </summary>
    public static Table NewTable(IAnsiConsole console) =>
        new Table().Border(console.Profile.Capabilities.Interactive ? TableBorder.Rounded : TableBorder.None);

    public static IAnsiConsole For(TextWriter output) => IsInteractive(output)
        ? AnsiConsole.Console
        : AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
}
