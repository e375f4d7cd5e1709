using System.CommandLine;
using SupportBot.Data.Categories;

namespace SupportBot.Cli.Commands;

/// <summary>
/// `supportbot category pause|resume NAME --reason`: the pause switch straight in the database, audited with source
/// "cli" and the operating-system user, for the moment the API is what is broken. Every API process sees it within a second.
/// </summary>
public static class CategoryCommands
{
    public static Command Build(TextWriter output)
    {
        var command = new Command("category", "Category controls: the pause switch of customer-facing answers.");
        command.Subcommands.Add(Switch(output, pause: true));
        command.Subcommands.Add(Switch(output, pause: false));
        return command;
    }

    private static Command Switch(TextWriter output, bool pause)
    {
        var name = new Argument<string>("name") { Description = "The category." };
        var reason = new Option<string>("--reason") { Description = "Why: it goes to the audit log.", Required = true };
        var command = new Command(pause ? "pause" : "resume", pause
            ? "Pauses the category: its customer conversations go through the team until resumed."
            : "Resumes the category: the bot answers its customers again (if its phase is customer-facing).")
        {
            name, reason,
        };
        command.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var category = parse.GetValue(name)!;
            var why = parse.GetValue(reason);
            if (string.IsNullOrWhiteSpace(why) || why.Length > CategoryPauseService.MaxReasonLength || why.Contains('\0', StringComparison.Ordinal))
            {
                throw new CliException($"--reason: a reason of 1 to {CategoryPauseService.MaxReasonLength} characters is required");
            }

            var service = new CategoryPauseService(db, new CategoryPauseCache(TimeProvider.System), TimeProvider.System);
            var actor = $"cli:{Environment.UserName}";
            var result = pause
                ? await service.PauseAsync(category, why, actor, PauseSources.Cli, cancellationToken)
                : await service.ResumeAsync(category, why, actor, PauseSources.Cli, cancellationToken);
            switch (result.Outcome)
            {
                case PauseOutcome.UnknownCategory:
                    throw new CliException($"no category named '{category}'");
                case PauseOutcome.Unchanged:
                    await output.WriteLineAsync($"{category} is already {(pause ? "paused" : "running")}; nothing changed");
                    return CliExitCodes.Ok;
                default:
                    await output.WriteLineAsync(pause
                        ? $"paused {category}: its conversations go to the team ({why.Trim()})"
                        : $"resumed {category} ({why.Trim()})");
                    return CliExitCodes.Ok;
            }
        }));
        return command;
    }
}
