using System.Globalization;
using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Evaluation.Datasets;

namespace SupportBot.Cli.Commands;

/// <summary>`supportbot datasets list|show|create|archive` (propose/accept come from the clustering work).</summary>
public static class DatasetCommands
{
    public static Command Build(TextWriter output)
    {
        var archived = new Option<bool>("--archived") { Description = "Include archived datasets." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var list = new Command("list", "Datasets with their current version and size.") { archived, json };
        list.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var datasets = await Queries(db).ListAsync(parse.GetValue(archived), cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(datasets, Json));
                return CliExitCodes.Ok;
            }

            var table = CliConsole.NewTable(CliConsole.For(output)).AddColumns("name", "category", "version", "items", "created", "archived");
            foreach (var d in datasets)
            {
                table.AddRow(Markup.Escape(d.Name), Markup.Escape(d.Category ?? "-"), d.CurrentVersion.ToString(), d.ItemCount.ToString(),
                    d.CreatedAt.ToString("yyyy-MM-dd"), d.ArchivedAt?.ToString("yyyy-MM-dd") ?? "");
            }

            CliConsole.For(output).Write(table);
            return CliExitCodes.Ok;
        }));

        var nameOrId = new Argument<string>("dataset") { Description = "The dataset's name or id." };
        var version = new Option<int?>("--version") { Description = "Show the items of this version (default: current)." };
        var items = new Option<bool>("--items") { Description = "List the items too." };
        var show = new Command("show", "A dataset's versions, and optionally its items.") { nameOrId, version, items, json };
        show.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var queries = Queries(db);
            var dataset = await queries.FindAsync(parse.GetValue(nameOrId)!, cancellationToken)
                ?? throw new CliException($"no dataset '{parse.GetValue(nameOrId)}'");
            var detail = (await queries.GetAsync(dataset.Id, cancellationToken))!;
            var at = parse.GetValue(version) ?? detail.Dataset.CurrentVersion;
            if (parse.GetValue(items) && (at < 1 || at > detail.Dataset.CurrentVersion))
            {
                throw new CliException($"--version: dataset '{detail.Dataset.Name}' has versions 1 to {detail.Dataset.CurrentVersion}");
            }

            if (parse.GetValue(json))
            {
                // The API's shape (GET /api/datasets/{id}), with the items of --version under "items" when --items is given.
                var itemList = parse.GetValue(items) ? await queries.ItemsAsync(dataset.Id, at, cancellationToken) : null;
                await output.WriteLineAsync(JsonSerializer.Serialize(new { detail.Dataset, detail.Versions, items = itemList }, Json));
                return CliExitCodes.Ok;
            }

            var console = CliConsole.For(output);
            console.WriteLine($"{detail.Dataset.Name} ({detail.Dataset.Id}) category {detail.Dataset.Category ?? "-"}{(detail.Dataset.ArchivedAt is null ? "" : ", archived")}");
            var versions = CliConsole.NewTable(console).AddColumns("version", "items", "change", "created");
            foreach (var v in detail.Versions)
            {
                versions.AddRow(v.Version.ToString(), v.ItemCount.ToString(), Markup.Escape(v.Change), v.CreatedAt.ToString("yyyy-MM-dd HH:mm"));
            }

            console.Write(versions);
            if (parse.GetValue(items))
            {
                // A multi-turn item (a reviewed conversation) shows its earlier turns and the message it answers.
                var rows = CliConsole.NewTable(console).AddColumns("item", "category", "subject", "turns", "handoff");
                foreach (var item in await queries.ItemsAsync(dataset.Id, at, cancellationToken))
                {
                    var input = item.Context is { Count: > 0 } turns
                        ? string.Join("\n", turns.Select(t => $"{t.Role}: {Shorten(t.Text, 50)}").Append($"customer: {Shorten(item.Body, 50)}"))
                        : Shorten(item.Subject, 60);
                    rows.AddRow(item.Id.ToString(), Markup.Escape(item.Category ?? "-"), Markup.Escape(input), ((item.Context?.Count ?? 0) + 1).ToString(CultureInfo.InvariantCulture),
                        item.ExpectedHandoff ? "yes" : "");
                }

                console.Write(rows);
            }

            return CliExitCodes.Ok;
        }));

        var name = new Argument<string>("name") { Description = "A unique name." };
        var category = new Option<string?>("--category") { Description = "Take the resolved tickets of this category (also recorded as the dataset's category)." };
        var tag = new Option<string?>("--tag") { Description = "Take the resolved tickets with this tag." };
        var limit = new Option<int?>("--limit") { Description = "At most this many tickets (oldest first)." };
        var description = new Option<string?>("--description") { Description = "What the dataset is for." };
        var create = new Command("create", "Creates a dataset, empty or from resolved tickets (--category, --tag).") { name, category, tag, limit, description };
        create.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var datasetName = parse.GetValue(name)!.Trim();
            if (datasetName.Length is 0 or > 200)
            {
                throw new CliException("the name must be 1 to 200 characters");
            }

            if (await db.Datasets.AnyAsync(d => d.Name == datasetName, cancellationToken))
            {
                throw new CliException($"a dataset named '{datasetName}' already exists");
            }

            var selection = new TicketSelection(null, parse.GetValue(category), parse.GetValue(tag), parse.GetValue(limit));
            var newItems = selection.IsEmpty ? [] : await new DatasetItemSources(db).FromTicketsAsync(selection, cancellationToken);
            if (!selection.IsEmpty && newItems.Count == 0)
            {
                throw new CliException("no resolved historical ticket matches --category/--tag");
            }

            var change = await new DatasetStore(db, TimeProvider.System).CreateAsync(datasetName, parse.GetValue(description) ?? "", parse.GetValue(category), newItems,
                selection.IsEmpty ? "created empty" : $"created from {newItems.Count} tickets", cancellationToken);
            await output.WriteLineAsync($"created dataset '{datasetName}' ({change.DatasetId}) version {change.Version} with {change.ItemCount} items");
            return CliExitCodes.Ok;
        }));

        var archiveTarget = new Argument<string>("dataset") { Description = "The dataset's name or id." };
        var archive = new Command("archive", "Archives a dataset: it stays readable, but takes no changes or runs.") { archiveTarget };
        archive.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var dataset = await Queries(db).FindAsync(parse.GetValue(archiveTarget)!, cancellationToken)
                ?? throw new CliException($"no dataset '{parse.GetValue(archiveTarget)}'");
            var archivedNow = await new DatasetStore(db, TimeProvider.System).ArchiveAsync(dataset.Id, cancellationToken);
            await output.WriteLineAsync(archivedNow ? $"archived '{dataset.Name}'" : $"'{dataset.Name}' was already archived");
            return CliExitCodes.Ok;
        }));

        return new Command("datasets", "Versioned datasets of test cases.") { list, show, create, archive };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static DatasetQueries Queries(SupportBotDbContext db) => new(db, new DatasetStore(db, TimeProvider.System));

    internal static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
