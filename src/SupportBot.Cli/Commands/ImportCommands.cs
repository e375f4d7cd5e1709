using System.CommandLine;
using System.Diagnostics;
using Npgsql;
using SupportBot.Data.Import;

namespace SupportBot.Cli.Commands;

/// <summary>Bulk imports into the database: historical resolved tickets, the material of offline evaluation.</summary>
public static class ImportCommands
{
    private static readonly Dictionary<string, string> FormatsByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".csv"] = "csv",
        [".jsonl"] = "jsonl",
        [".ndjson"] = "jsonl",
    };

    public static Command Build(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "A CSV (with a header row) or JSONL export of resolved tickets." };
        var format = new Option<string?>("--format") { Description = "csv or jsonl (default: from the file's extension: .csv, .jsonl, .ndjson)." };
        var map = new Option<string[]>("--map")
        {
            Description = "FIELD=COLUMN: read a field from a column the usual names miss, e.g. --map body=Question --map \"answer=Agent Reply\". Repeatable.",
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = $"Tickets written per transaction (1 to {TicketImporter.MaxBatchSize:N0}).",
            DefaultValueFactory = _ => TicketImporter.DefaultBatchSize,
        };

        var tickets = new Command(
            "tickets",
            "Imports historical resolved tickets. A re-import updates changed tickets and never duplicates them: they are matched " +
            "on their id, or on a hash of subject and body when the export has none. Bad rows are reported by line and skipped.")
        {
            file, format, map, batchSize,
        };
        tickets.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var resolvedFormat = ResolveFormat(parse.GetValue(format), path);
            var mapping = ParseMapping(parse.GetValue(map) ?? []);
            var size = parse.GetValue(batchSize);
            if (size is < 1 or > TicketImporter.MaxBatchSize)
            {
                throw new CliException($"--batch-size must be between 1 and {TicketImporter.MaxBatchSize:N0}");
            }

            return await SupportBotCli.WithDataSourceAsync(parse, async dataSource =>
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
                ITicketSource source = resolvedFormat == "csv" ? new CsvTicketReader(stream, mapping) : new JsonlTicketReader(stream, mapping);
                var importer = new TicketImporter(dataSource, TimeProvider.System);
                var view = new ImportView(output, Path.GetFileName(path), source.TotalBytes);
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    var summary = await view.RunAsync(progress => importer.ImportAsync(source, size, progress, cancellationToken));
                    view.WriteSummary(summary, stopwatch.Elapsed);
                    return CliExitCodes.Ok;
                }
                catch (ImportFileException ex)
                {
                    throw new CliException($"{Path.GetFileName(path)}: {ex.Message}");
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    throw new CliException($"the database has no tickets table yet ({ex.MessageText}): run `supportbot db migrate`", CliExitCodes.Unavailable);
                }
            });
        });

        return new Command("import", "Imports historical data.") { tickets };
    }

    private static string ResolveFormat(string? format, string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"{path} is a folder, not a file" : $"no such file: {path}");
        }

        if (format is not null)
        {
            return format.ToLowerInvariant() is "csv" or "jsonl" ? format.ToLowerInvariant() : throw new CliException($"unknown format '{format}': use --format csv or --format jsonl");
        }

        return FormatsByExtension.TryGetValue(Path.GetExtension(path), out var byExtension)
            ? byExtension
            : throw new CliException($"cannot tell the format of {Path.GetFileName(path)} from its extension: pass --format csv or --format jsonl");
    }

    private static TicketFieldMapping ParseMapping(string[] pairs)
    {
        try
        {
            return TicketFieldMapping.Parse(pairs);
        }
        catch (ImportFileException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
