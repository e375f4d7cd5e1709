namespace SupportBot.Cli;

/// <summary>A failure the user can act on: printed as one line, with the exit code given.</summary>
public sealed class CliException(string message, int exitCode = CliExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

public static class CliExitCodes
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int Unavailable = 2;
}
