using Spectre.Console;

namespace SupportBot.Cli;

/// <summary>
/// Spectre output on the command's writer: tables render the same to a terminal, a file or a
/// test's StringWriter; colours and live widgets only on an interactive terminal.
/// </summary>
internal static class CliConsole
{
    public static bool IsInteractive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

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
