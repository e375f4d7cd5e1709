using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Gates;

/// <summary>`supportbot gates`, `supportbot phase set` and `supportbot experiment list` against the shared stack's API and database.</summary>
public sealed class GateCliTests(StackFixture stack)
{
    [Fact]
    public async Task Gates_show_the_checks_and_phase_set_refuses_an_unready_promotion_until_forced_with_a_reason()
    {
        var category = await stack.NewCategoryAsync("gatecli", phase: "internal");

        var gates = await stack.CliWithApiAsync(Roles.Agent, "gates", category);
        Assert.Equal(0, gates.ExitCode);
        Assert.StartsWith($"{category}: internal, not ready", gates.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL", gates.Output, StringComparison.Ordinal);
        Assert.Contains("why: ", gates.Output, StringComparison.Ordinal);

        var refused = await stack.CliWithApiAsync(Roles.Manager, "phase", "set", category, "customer-facing");
        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.Error.Trim().Split('\n'));

        var noReason = await stack.CliWithApiAsync(Roles.Manager, "phase", "set", category, "customer-facing", "--force");
        Assert.Equal(1, noReason.ExitCode);
        Assert.Contains("reason", noReason.Error, StringComparison.OrdinalIgnoreCase);

        var forced = await stack.CliWithApiAsync(Roles.Manager, "phase", "set", category, "customer-facing", "--force", "--reason", "pilot with one customer");
        Assert.Equal((0, $"{category}: internal -> customer-facing (forced)"), (forced.ExitCode, forced.Output.Trim()));

        var unknown = await stack.CliWithApiAsync(Roles.Agent, "gates", "no-such-category-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(1, unknown.ExitCode);
    }

    [Fact]
    public async Task Experiment_list_shows_recent_runs_and_rejects_a_bad_limit()
    {
        var list = await stack.CliWithDatabaseAsync("experiment", "list", "--limit", "5");
        var bad = await stack.CliWithDatabaseAsync("experiment", "list", "--limit", "0");

        Assert.Equal(0, list.ExitCode);
        Assert.True(list.Output.Trim().Split('\n').Length <= 5, list.Output);
        Assert.Equal((1, "supportbot: --limit: from 1 to 500"), (bad.ExitCode, bad.Error.Trim()));
    }
}
