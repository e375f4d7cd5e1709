using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SupportBot.Data;
using SupportBot.Data.FailureModes;
using SupportBot.Evaluation.Reviews;

namespace SupportBot.Cli.Commands;

/// <summary>
/// `supportbot experiment review sample|list|mark|summary`: the manual review of a run that the phase-1 gate needs,
/// the same as the API's /api/experiments/{id}/review-*.
/// </summary>
public static class ExperimentReviewCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Build(TextWriter output, Option<bool> json) => new("review", "Manual review of a run: draw a seeded sample per category, record verdicts, summarise.")
    {
        BuildSample(output, json),
        BuildList(output, json),
        BuildMark(output, json),
        BuildSummary(output, json),
    };

    private static Command BuildSample(TextWriter output, Option<bool> json)
    {
        var run = new Argument<Guid>("run") { Description = "The experiment run id." };
        var perCategory = new Option<int>("--per-category") { Description = "Items per category.", DefaultValueFactory = _ => ExperimentReviews.DefaultPerCategory };
        var seed = new Option<int>("--seed") { Description = "Seed of the draw: the same seed draws the same items.", DefaultValueFactory = _ => 0 };
        var command = new Command("sample", "Draws the run's review sample (or shows the one drawn with the same size and seed).") { run, perCategory, seed, json };
        command.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var size = parse.GetValue(perCategory);
            if (size is < 1 or > ExperimentReviews.MaxPerCategory)
            {
                throw new CliException($"--per-category: between 1 and {ExperimentReviews.MaxPerCategory}");
            }

            try
            {
                var sample = await Reviews(db).DrawAsync(parse.GetValue(run), size, parse.GetValue(seed), cancellationToken)
                    ?? throw new CliException($"no experiment run {parse.GetValue(run)}");
                await PrintAsync(output, sample, parse.GetValue(json));
                return CliExitCodes.Ok;
            }
            catch (ReviewSampleException ex)
            {
                throw new CliException(ex.Message);
            }
        }));
        return command;
    }

    private static Command BuildList(TextWriter output, Option<bool> json)
    {
        var run = new Argument<Guid>("run") { Description = "The experiment run id." };
        var command = new Command("list", "Lists the review sample with each item's verdict (--json for ticket, reference and output).") { run, json };
        command.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var sample = await Reviews(db).ListAsync(parse.GetValue(run), cancellationToken)
                ?? throw new CliException($"run {parse.GetValue(run)} has no review sample; draw one with `supportbot experiment review sample {parse.GetValue(run)}`");
            await PrintAsync(output, sample, parse.GetValue(json));
            return CliExitCodes.Ok;
        }));
        return command;
    }

    private static Command BuildMark(TextWriter output, Option<bool> json)
    {
        var run = new Argument<Guid>("run") { Description = "The experiment run id." };
        var item = new Argument<Guid>("item") { Description = "The sampled item's id." };
        var acceptable = new Option<bool>("--acceptable") { Description = "The output is acceptable." };
        var notAcceptable = new Option<bool>("--not-acceptable") { Description = "The output is not acceptable (needs --note or --failure-mode)." };
        var note = new Option<string?>("--note") { Description = "What is right or wrong: tone, wording, facts." };
        var failureMode = new Option<string?>("--failure-mode") { Description = "A failure mode to pick or create, e.g. \"wrong plan limits\"." };
        var command = new Command("mark", "Records a verdict on a sampled item.") { run, item, acceptable, notAcceptable, note, failureMode, json };
        command.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            if (parse.GetValue(acceptable) == parse.GetValue(notAcceptable))
            {
                throw new CliException("give exactly one of --acceptable and --not-acceptable");
            }

            var text = string.IsNullOrWhiteSpace(parse.GetValue(note)) ? null : parse.GetValue(note)!.Trim();
            var mode = FailureModeNames.Normalize(parse.GetValue(failureMode));
            if (parse.GetValue(failureMode) is not null && mode is null)
            {
                throw new CliException($"--failure-mode: a {FailureModeNames.Rule}");
            }

            if (parse.GetValue(notAcceptable) && text is null && mode is null)
            {
                throw new CliException("--not-acceptable needs --note or --failure-mode: say what is wrong");
            }

            if (text is { Length: > TextLimits.Comment })
            {
                throw new CliException($"--note: at most {TextLimits.Comment} characters");
            }

            var marked = await Reviews(db).MarkAsync(parse.GetValue(run), parse.GetValue(item), parse.GetValue(acceptable), text, mode, Environment.UserName, cancellationToken)
                ?? throw new CliException($"item {parse.GetValue(item)} is not in the review sample of run {parse.GetValue(run)}");
            await output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(marked, Json)
                : $"{marked.ItemId}: {(marked.Acceptable == true ? "acceptable" : "not acceptable")}{(marked.FailureMode is null ? "" : $" ({marked.FailureMode})")}");
            return CliExitCodes.Ok;
        }));
        return command;
    }

    private static Command BuildSummary(TextWriter output, Option<bool> json)
    {
        var run = new Argument<Guid>("run") { Description = "The experiment run id." };
        var command = new Command("summary", "Per category: sampled, reviewed, acceptable share and failure modes.") { run, json };
        command.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var summary = await Reviews(db).SummaryAsync(parse.GetValue(run), cancellationToken)
                ?? throw new CliException($"run {parse.GetValue(run)} has no review sample");
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(summary, Json));
                return CliExitCodes.Ok;
            }

            foreach (var category in summary.Categories)
            {
                var share = category.AcceptableShare is { } s ? s.ToString("P0", CultureInfo.InvariantCulture) : "-";
                var modes = string.Join(", ", category.FailureModes.Select(m => $"{m.Key} {m.Value}"));
                await output.WriteLineAsync($"{category.Category ?? "(none)"}: {category.Reviewed}/{category.Sampled} reviewed, {share} acceptable{(modes.Length > 0 ? $"; {modes}" : "")}");
            }

            return CliExitCodes.Ok;
        }));
        return command;
    }

    private static async Task PrintAsync(TextWriter output, SupportBot.Contracts.ReviewSample sample, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(sample, Json));
            return;
        }

        await output.WriteLineAsync($"review sample of run {sample.RunId} (seed {sample.Seed}, {sample.Items.Count} items)");
        foreach (var item in sample.Items)
        {
            var verdict = item.Acceptable switch { true => "acceptable", false => "NOT acceptable", null => "to review" };
            await output.WriteLineAsync($"{item.Category ?? "(none)"} #{item.Position + 1} {item.ItemId} {verdict}: {item.Subject}");
        }
    }

    private static ExperimentReviews Reviews(SupportBotDbContext db) => new(db, new FailureModeStore(db, TimeProvider.System), TimeProvider.System);
}
