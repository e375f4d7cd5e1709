using SupportBot.Hosting;
using SupportBot.Tests.Evaluation;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Experiments;

/// <summary>
/// The offline regression gate in CI: the production prompt with the embedded model, run by the
/// worker on a dataset of each demo category, must hold that category's floors in
/// eval/demo-baseline/CATEGORY.yml (its measured means less a margin). So a change that makes the
/// drafts worse fails `.ci/run`, exactly as `supportbot experiment run --thresholds` exits 3. The
/// promotion bar (eval/thresholds.yml) is higher, and the demo categories do not reach it with the
/// embedded model: docs/experiments.md explains the numbers.
/// </summary>
public sealed class OfflineGateTests(StackFixture stack)
{
    public static TheoryData<string> DemoCategories => [.. DemoHistory.Tickets.Select(t => t.Category).Distinct().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(DemoCategories))]
    public async Task The_demo_category_holds_its_baseline(string category)
    {
        // The demo tickets are the oldest in their category (other tests add newer ones), so --limit takes exactly them.
        var demoTickets = DemoHistory.Tickets.Count(t => t.Category == category);
        var name = $"gate-{category}-{Guid.NewGuid():N}"[..40];
        var created = await stack.CliWithDatabaseAsync("datasets", "create", name, "--category", category, "--limit", demoTickets.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(created.ExitCode == 0, created.Error);

        var thresholds = Path.Combine(AppHostOptions.FindRepositoryRoot(), "eval", "demo-baseline", category + ".yml");
        var run = await stack.CliWithDatabaseAsync("experiment", "run", "--dataset", name, "--thresholds", thresholds);

        Assert.True(run.ExitCode == 0, $"the demo category fell below its baseline {category}:\n{run.Output}\n{run.Error}");
        Assert.Contains("gate passed", run.Output, StringComparison.Ordinal);
    }
}
