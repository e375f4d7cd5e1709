using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SupportBot.Data;

namespace SupportBot.Cli.Commands;

public static class DbCommands
{
    public static Command Build(TextWriter output)
    {
        var migrate = new Command("migrate", "Applies pending database migrations (the services also do this when they start).");
        migrate.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var pending = await db.Database.PendingMigrationsAsync(cancellationToken);
            foreach (var migration in pending)
            {
                await output.WriteLineAsync($"applying {migration}");
            }

            await db.Database.MigrateExclusivelyAsync(cancellationToken);
            var current = await db.Database.LastAppliedMigrationAsync(cancellationToken) ?? "(none)";
            await output.WriteLineAsync($"schema is current at {current} ({pending.Count} applied now)");
            return CliExitCodes.Ok;
        }));

        return new Command("db", "Database schema.") { migrate };
    }
}
