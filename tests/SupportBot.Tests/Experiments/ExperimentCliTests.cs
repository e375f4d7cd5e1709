using SupportBot.Cli;
using SupportBot.Cli.Commands;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>`supportbot datasets` and `supportbot experiment` in-process against the fixture's database and worker.</summary>
public sealed class ExperimentCliTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_gate_exits_3_naming_the_metric_below_its_threshold_and_0_when_all_pass()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "cli-" + seed.Marker;
        const string reply = "Hi,\n\nGo to Billing → Seats and click Add seats.\n\nBest, Kim";
        for (var i = 0; i < 3; i++)
        {
            await seed.TicketAsync(category, $"Add seats {i}", "How do I add more seats to our plan?", reply);
        }

        var name = $"cli-{seed.Marker}";
        var (created, createdOutput, _) = await RunAsync("datasets", "create", name, "--category", category);
        Assert.Equal(0, created);
        Assert.Contains("with 3 items", createdOutput);

        var (failed, failedOutput, _) = await RunAsync("experiment", "run", "--dataset", name, "--fail-below", "reference_f1=1.01", "--fail-below", "handoff_correct=0");
        Assert.Equal(ExperimentCommands.GateFailed, failed);
        Assert.Contains("FAIL reference_f1 = ", failedOutput);
        Assert.DoesNotContain("FAIL handoff_correct", failedOutput);
        Assert.Contains("completed, 3/3 items", failedOutput);

        var thresholds = Path.Combine(Path.GetTempPath(), $"thresholds-{seed.Marker}.yml");
        await File.WriteAllTextAsync(thresholds, "thresholds:\n  reference_f1: 0.0\n  handoff_correct: 0.0\n", Ct);
        var (passed, passedOutput, _) = await RunAsync("experiment", "run", "--dataset", name, "--thresholds", thresholds);
        File.Delete(thresholds);
        Assert.Equal(0, passed);
        Assert.Contains("gate passed (2 thresholds)", passedOutput);

        var (listed, listOutput, _) = await RunAsync("datasets", "show", name, "--items");
        Assert.Equal(0, listed);
        Assert.Contains("Add seats 0", listOutput);
    }

    [Fact]
    public async Task Json_output_is_one_document_for_jq_with_progress_and_verdict_on_stderr()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "cli-json-" + seed.Marker;
        await seed.TicketAsync(category, "Add seats", "How do I add more seats to our plan?", "Hi,\n\nGo to Billing → Seats.\n\nBest, Kim");
        var name = $"cli-json-{seed.Marker}";
        Assert.Equal(0, (await RunAsync("datasets", "create", name, "--category", category)).ExitCode);

        var waited = await RunAsync("experiment", "run", "--dataset", name, "--wait", "--fail-below", "reference_f1=0", "--json");
        Assert.Equal(0, waited.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(waited.Output);
        Assert.Equal("completed", report.RootElement.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains("completed 1/1", waited.Error);
        Assert.Contains("gate passed (1 thresholds)", waited.Error);

        var queued = await RunAsync("experiment", "run", "--dataset", name, "--json");
        Assert.Equal(0, queued.ExitCode);
        using var run = System.Text.Json.JsonDocument.Parse(queued.Output);
        var id = run.RootElement.GetProperty("run").GetProperty("id").GetGuid();
        Assert.NotEqual(report.RootElement.GetProperty("run").GetProperty("id").GetGuid(), id);
    }

    [Fact]
    public async Task Piped_tables_are_plain_columns_and_every_table_command_offers_json()
    {
        var seed = new KnowledgeSeeder(stack);
        var category = "cli-plain-" + seed.Marker;
        await seed.TicketAsync(category, "Seat limits", "How many seats does Team have?", "Hi,\n\nTeam has 50 seats.\n\nBest, Kim");
        var name = $"cli-plain-{seed.Marker}";
        Assert.Equal(0, (await RunAsync("datasets", "create", name, "--category", category)).ExitCode);

        // Not a terminal (a StringWriter, as a pipe): no box drawing, the values in space-separated columns.
        var shown = await RunAsync("datasets", "show", name, "--items");
        Assert.Equal(0, shown.ExitCode);
        Assert.DoesNotContain(shown.Output, c => c is '│' or '─' or '╭' or '┌');
        Assert.Matches(@"(?m)^\s*1\s+1\s+created from 1 tickets\s+\d{4}-\d\d-\d\d", shown.Output);
        Assert.Contains("Seat limits", shown.Output);

        var listed = await RunAsync("datasets", "list", "--json");
        Assert.Equal(0, listed.ExitCode);
        using var list = System.Text.Json.JsonDocument.Parse(listed.Output);
        var mine = Assert.Single(list.RootElement.EnumerateArray(), d => d.GetProperty("name").GetString() == name);
        Assert.Equal(1, mine.GetProperty("itemCount").GetInt32());

        // By name, as by id, with the items of the current version.
        var byName = await RunAsync("datasets", "show", name, "--items", "--json");
        Assert.Equal(0, byName.ExitCode);
        using var detail = System.Text.Json.JsonDocument.Parse(byName.Output);
        Assert.Equal(mine.GetProperty("id").GetGuid(), detail.RootElement.GetProperty("dataset").GetProperty("id").GetGuid());
        Assert.StartsWith("Seat limits", Assert.Single(detail.RootElement.GetProperty("items").EnumerateArray()).GetProperty("subject").GetString());
        var byId = await RunAsync("datasets", "show", mine.GetProperty("id").GetString()!, "--json");
        Assert.Equal(0, byId.ExitCode);
        Assert.Contains(name, byId.Output);

        var keys = await RunAsync("keys", "list", "--json");
        Assert.Equal(0, keys.ExitCode);
        using var keyList = System.Text.Json.JsonDocument.Parse(keys.Output);
        Assert.Contains(keyList.RootElement.EnumerateArray(), k => k.GetProperty("name").GetString() == "dev-admin");
        Assert.DoesNotContain("sb_", keys.Output);
    }

    [Fact]
    public async Task Bad_input_is_one_line_with_exit_1_and_nothing_queued()
    {
        var seed = new KnowledgeSeeder(stack);
        await seed.TicketAsync("cli-" + seed.Marker, "Seats", "How do I add seats?", "Billing → Seats.");
        var name = $"cli-bad-{seed.Marker}";
        Assert.Equal(0, (await RunAsync("datasets", "create", name, "--category", "cli-" + seed.Marker)).ExitCode);

        var malformed = await RunAsync("experiment", "run", "--dataset", name, "--fail-below", "grounding=high");
        var unknownDataset = await RunAsync("experiment", "run", "--dataset", $"nope-{seed.Marker}");
        var unknownPrompt = await RunAsync("experiment", "run", "--dataset", name, "--prompt", $"nope-{seed.Marker}");
        var unknownRun = await RunAsync("experiment", "status", Guid.NewGuid().ToString());

        Assert.Equal((1, "supportbot: malformed threshold: threshold for 'grounding' is not a number: 'high'"), (malformed.ExitCode, malformed.Error.Trim()));
        Assert.Equal((1, $"supportbot: --dataset: No dataset 'nope-{seed.Marker}'."), (unknownDataset.ExitCode, unknownDataset.Error.Trim()));
        Assert.Equal(1, unknownPrompt.ExitCode);
        Assert.StartsWith("supportbot: --prompt: Prompt", unknownPrompt.Error);
        Assert.Single(unknownPrompt.Error.Trim().Split('\n'));
        Assert.Equal(1, unknownRun.ExitCode);
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM experiment_runs r JOIN datasets d ON d.id = r.dataset_id WHERE d.name = $1", name));
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync([.. args, "--database", stack.Postgres.ConnectionString], output, error, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
