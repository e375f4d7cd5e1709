using System.CommandLine;
using System.Text.Json;
using SupportBot.Data;
using SupportBot.Data.FailureModes;

namespace SupportBot.Cli.Commands;

/// <summary>`supportbot failure-modes [list|add]`: error analysis counts, the same as GET/POST /api/failure-modes.</summary>
public static class FailureModeCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Build(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of lines." };
        return new Command("failure-modes", "Failure modes from error analysis: counts per category, and the managed list.")
        {
            BuildList(output, json),
            BuildAdd(output, json),
        };
    }

    private static Command BuildList(TextWriter output, Option<bool> json)
    {
        var category = new Option<string?>("--category") { Description = "Only this category." };
        var days = new Option<int>("--days") { Description = "The window: the last N days.", DefaultValueFactory = _ => 30 };
        var command = new Command("list", "Every failure mode, most frequent first, with counts per category.") { category, days, json };
        command.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            if (parse.GetValue(days) < 1)
            {
                throw new CliException("--days: at least 1");
            }

            var now = DateTimeOffset.UtcNow;
            var report = await new FailureModeStore(db, TimeProvider.System).CountAsync(parse.GetValue(category), now.AddDays(-parse.GetValue(days)), now, 5, cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
                return CliExitCodes.Ok;
            }

            foreach (var mode in report.FailureModes)
            {
                var categories = string.Join(", ", mode.ByCategory.Select(c => $"{c.Category ?? "(none)"} {c.Count}"));
                await output.WriteLineAsync($"{mode.Count,5}  {mode.Name}{(categories.Length > 0 ? $"  ({categories})" : "")}");
            }

            return CliExitCodes.Ok;
        }));
        return command;
    }

    private static Command BuildAdd(TextWriter output, Option<bool> json)
    {
        var name = new Argument<string>("name") { Description = "The failure mode, e.g. \"cites outdated article\" (becomes a slug)." };
        var description = new Option<string?>("--description") { Description = "What it means, for the next reviewer." };
        var command = new Command("add", "Adds a failure mode, or updates its description.") { name, description, json };
        command.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var slug = FailureModeNames.Normalize(parse.GetValue(name))
                ?? throw new CliException($"name: a {FailureModeNames.Rule}");
            if (parse.GetValue(description) is { Length: > TextLimits.Comment })
            {
                throw new CliException($"--description: at most {TextLimits.Comment} characters");
            }

            var mode = await new FailureModeStore(db, TimeProvider.System).UpsertAsync(slug, parse.GetValue(description), Environment.UserName, cancellationToken);
            await output.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(mode, Json) : $"failure mode {mode.Name}");
            return CliExitCodes.Ok;
        }));
        return command;
    }
}
