using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using SupportBot.Contracts;
using SupportBot.Data.Datasets;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Evaluation.Proposals;

namespace SupportBot.Cli.Commands;

/// <summary>
/// `datasets propose` and `datasets accept`: datasets suggested from the ticket history. They join the
/// `datasets` command if another part of the CLI already made one (dataset CRUD), else make it.
/// </summary>
public static class DatasetProposalCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void AddTo(RootCommand root, TextWriter output)
    {
        var datasets = root.Subcommands.FirstOrDefault(c => c.Name == "datasets");
        if (datasets is null)
        {
            datasets = new Command("datasets", "Versioned datasets of test cases for offline experiments.");
            root.Subcommands.Add(datasets);
        }

        datasets.Subcommands.Add(Propose(output));
        datasets.Subcommands.Add(Accept(output));
    }

    private static Command Propose(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print the proposals as JSON." };
        var propose = new Command(
            "propose",
            "Groups resolved historical tickets into proposed datasets: per category, clusters of what the resolution did " +
            "(TF-IDF + k-means; named by a model when Evaluation__Judge__BaseUrl/Model are set). Accept them with `datasets accept`.")
        {
            json,
        };
        propose.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            using var judge = JudgeFromEnvironment();
            var namer = new ProposalNamer(NullLogger<ProposalNamer>.Instance, judge is null ? null : new JudgeModel(judge));
            DatasetProposalBatch batch;
            try
            {
                batch = await new DatasetProposer(db, namer, TimeProvider.System).ProposeAsync(cancellationToken);
            }
            catch (NoResolvedTicketsException ex)
            {
                throw new CliException(ex.Message);
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(batch, Json));
                return CliExitCodes.Ok;
            }

            var table = CliConsole.NewTable(Console(output))
                .AddColumn("id").AddColumn("category").AddColumn("name").AddColumn(new TableColumn("size").RightAligned())
                .AddColumn("top terms").AddColumn("example subjects");
            foreach (var p in batch.Proposals)
            {
                table.AddRow(
                    Markup.Escape(p.Id.ToString()), Markup.Escape(p.Category ?? "-"), Markup.Escape(p.Name), p.Size.ToString(),
                    Markup.Escape(string.Join(", ", p.TopTerms)), Markup.Escape(string.Join("\n", p.ExampleSubjects)));
            }

            Console(output).Write(table);
            await output.WriteLineAsync(
                $"{batch.Proposals.Count} proposals from {batch.ResolvedTickets} resolved tickets (batch {batch.BatchId}). " +
                "Accept with: supportbot datasets accept <id...> | --all [--single]");
            return CliExitCodes.Ok;
        }));
        return propose;
    }

    private static Command Accept(TextWriter output)
    {
        var ids = new Argument<string[]>("ids") { Description = "Proposal ids from `datasets propose`.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Accept every open proposal of the latest propose run." };
        var single = new Option<bool>("--single")
        {
            Description = "Make one dataset of all the accepted proposals instead of one each (one overall number, no per-behaviour breakdown).",
        };
        var json = new Option<bool>("--json") { Description = "Print the created datasets as JSON." };
        var accept = new Command("accept", "Creates datasets (version 1) from proposals: one per proposal, or one with --single.") { ids, all, single, json };
        accept.SetAction((parse, cancellationToken) =>
        {
            var given = parse.GetValue(ids) ?? [];
            var useAll = parse.GetValue(all);
            if (useAll == (given.Length > 0))
            {
                throw new CliException(useAll ? "pass either proposal ids or --all, not both" : "name the proposals to accept, or pass --all");
            }

            var proposalIds = given.Select(id => Guid.TryParse(id, out var guid) ? guid : throw new CliException($"'{id}' is not a proposal id")).ToList();
            return SupportBotCli.WithDatabaseAsync(parse, async db =>
            {
                IReadOnlyList<AcceptedDatasetView> accepted;
                try
                {
                    accepted = await new ProposalAcceptor(db, new DatasetStore(db, TimeProvider.System))
                        .AcceptAsync(proposalIds, useAll, parse.GetValue(single), cancellationToken);
                }
                catch (ProposalSelectionException ex)
                {
                    throw new CliException(ex.Message);
                }

                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(accepted, Json));
                    return CliExitCodes.Ok;
                }

                var table = CliConsole.NewTable(Console(output))
                    .AddColumn("dataset").AddColumn("name").AddColumn(new TableColumn("version").RightAligned()).AddColumn(new TableColumn("items").RightAligned());
                foreach (var d in accepted)
                {
                    table.AddRow(Markup.Escape(d.DatasetId.ToString()), Markup.Escape(d.Name), d.Version.ToString(), d.ItemCount.ToString());
                }

                Console(output).Write(table);
                await output.WriteLineAsync($"{accepted.Count} dataset(s) created with {accepted.Sum(d => d.ItemCount)} items");
                return CliExitCodes.Ok;
            });
        });
        return accept;
    }

    /// <summary>Spectre writing to our writer: plain (no colours) and wide when it is not the terminal.</summary>
    private static IAnsiConsole Console(TextWriter output)
    {
        if (ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }

    /// <summary>The naming model from the environment (Evaluation__Judge__BaseUrl/Model/ApiKey), as the services read it.</summary>
    private static Microsoft.Extensions.AI.IChatClient? JudgeFromEnvironment()
    {
        var options = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(JudgeOptions.Section).Get<JudgeOptions>();
        return options is { IsConfigured: true } ? EvaluatorServiceCollectionExtensions.CreateJudgeClient(options) : null;
    }
}
