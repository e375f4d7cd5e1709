using System.CommandLine;
using SupportBot.Data.HelpCenter;

namespace SupportBot.Cli.Commands;

/// <summary>The help-article index that drafts are grounded in and cite.</summary>
public static class IndexCommands
{
    public static Command Build(TextWriter output)
    {
        var path = new Option<string?>("--path")
        {
            Description = $"Folder of Markdown articles with front matter (default: ${HelpCenterOptions.ArticlesPathVariable}).",
        };

        var refresh = new Command("refresh", "Re-reads the help-article folder and records a new version of every article that changed.") { path };
        refresh.SetAction(async (parse, cancellationToken) =>
        {
            // Checked before the database, so a typo in the path is reported as such and not as a database problem.
            var folder = HelpCenterOptions.Resolve(parse.GetValue(path) ?? Environment.GetEnvironmentVariable(HelpCenterOptions.ArticlesPathVariable))
                ?? throw new CliException($"no help-article folder given: pass --path or set {HelpCenterOptions.ArticlesPathVariable}");
            if (!Directory.Exists(folder))
            {
                throw new CliException($"the help-article folder {folder} does not exist");
            }

            return await SupportBotCli.WithDatabaseAsync(parse, async db =>
            {
                var summary = await new HelpArticleStore(db, TimeProvider.System).ReindexFolderAsync(folder, cancellationToken);
                await output.WriteLineAsync(
                    $"indexed {folder}: {summary.Added} added, {summary.Updated} updated, {summary.Unchanged} unchanged, {summary.Errors.Count} skipped");
                foreach (var error in summary.Errors)
                {
                    await output.WriteLineAsync($"skipped {error.File ?? error.Slug}: {error.Reason}");
                }

                if (summary is { Added: 0, Updated: 0, Unchanged: 0, Errors.Count: 0 })
                {
                    await output.WriteLineAsync($"no .md files found in {folder}");
                }

                // Bad files are reported above; the good ones are indexed, so this run did its job.
                return CliExitCodes.Ok;
            });
        });

        return new Command("index", "The help-article index that drafts cite.") { refresh };
    }
}
