using SupportBot.Cli.Simulation;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Gates;

/// <summary>`supportbot simulate` against the real stack: tickets, sent replies and thumbs through the API and worker.</summary>
public sealed class SimulatorTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Simulated_traffic_reaches_outcomes_and_gates()
    {
        var gate = await stack.SimulateIntoNewCategoryAsync("sim", count: 12, seed: 3);

        Assert.Equal(12, gate.Sent);
        Assert.Contains(gate.Checks, c => c.Name == "edited_share" && c.Value is not null && c.SampleSize == 12);
        Assert.Equal(12L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM tickets WHERE category = $1 AND external_id LIKE 'sim-%'", gate.Category));
        Assert.Equal(12L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM draft_outcomes WHERE category = $1 AND sent_text IS NOT NULL AND agent_id LIKE 'sim-agent-%'", gate.Category));
        // Rewritten replies are the historical answers of held-out tickets, so some drafts were edited.
        Assert.True(await stack.ScalarAsync<long>("SELECT count(*) FROM draft_outcomes WHERE category = $1 AND edit_type <> 'none'", gate.Category) > 0);
    }

    [Fact]
    public async Task Cancelling_stops_cleanly_with_a_summary()
    {
        var category = await stack.NewCategoryAsync("stop", "internal");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(4));

        var exitCode = await Cli.SupportBotCli.InvokeAsync(
            ["simulate", "--api", stack.Api.Url, "--key", stack.DevKeys[Roles.Admin], "--rate", "120", "--reply-delay", "0.1", "--category", category],
            output, error, cancel.Token);

        Assert.True(exitCode == 0, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("simulate: stopped", lines[^1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.TrimStart().StartsWith(category, StringComparison.Ordinal) && l.Contains(" sent ", StringComparison.Ordinal));
        Assert.True(await stack.ScalarAsync<long>("SELECT count(*) FROM tickets WHERE category = $1", category) > 0);
    }

    [Fact]
    public async Task Bad_input_is_one_line_with_exit_1_and_an_unreachable_api_exit_2()
    {
        var (rateExit, _, rateError) = await stack.SimulateAsync("--rate", "0", "--count", "1");
        Assert.Equal((1, "supportbot: --rate: tickets per minute, more than 0 and at most 6000"), (rateExit, rateError.Trim()));

        var (categoryExit, _, categoryError) = await stack.SimulateAsync("--count", "1", "--category", "no-such-category");
        Assert.Equal((1, "supportbot: --category: no category named 'no-such-category'"), (categoryExit, categoryError.Trim()));

        using var unreachable = new StringWriter();
        var exit = await Cli.SupportBotCli.InvokeAsync(["simulate", "--count", "1", "--api", "http://127.0.0.1:9", "--key", "sb_nothing"], TextWriter.Null, unreachable, Ct);
        Assert.Equal(2, exit);
        Assert.StartsWith("supportbot: cannot reach the API at http://127.0.0.1:9/", unreachable.ToString());
    }

    [Fact]
    public async Task The_held_out_slice_is_every_fifth_demo_ticket_in_every_category()
    {
        var tickets = await HeldOutTickets.LoadAsync(HeldOutTickets.FindDemoFile()!, Ct);

        Assert.Equal(69, tickets.Count);
        Assert.Equal("TL-10005", tickets[0].ExternalId);
        Assert.All(tickets, t => Assert.Equal(0, int.Parse(t.ExternalId[3..], System.Globalization.CultureInfo.InvariantCulture) % 5));
        Assert.Equal(6, tickets.Select(t => t.Category).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_makes_the_same_choices()
    {
        static string Choices(int seed)
        {
            var random = new Random(seed);
            return string.Concat(Enumerable.Range(0, 50).Select(_ => (int)ReplyEdits.Pick(CategoryProfiles.For("billing"), random)));
        }

        Assert.Equal(Choices(5), Choices(5));
        Assert.NotEqual(Choices(5), Choices(6));
        Assert.Contains("0", Choices(5), StringComparison.Ordinal);
        Assert.Contains("2", Choices(5), StringComparison.Ordinal);
    }
}
