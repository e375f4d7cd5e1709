using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Signals.Gates;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Gates;

/// <summary>The evaluator over real hourly stats rows in Postgres (seeded directly, not through the signal flow).</summary>
public sealed class GateEvaluatorTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sums_the_hours_inside_each_categorys_own_window()
    {
        var category = await stack.NewCategoryAsync("eval", "internal");
        var now = DateTimeOffset.UtcNow;
        await stack.SeedStatsAsync(category, now, sent: 30, edited: 6, corrected: 1, wordEditDistanceSum: 3, thumbsUp: 9, thumbsDown: 1);
        await stack.SeedStatsAsync(category, now.AddHours(-20), sent: 30, edited: 3, corrected: 0, wordEditDistanceSum: 1.5, thumbsUp: 9, thumbsDown: 1);
        await stack.SeedStatsAsync(category, now.AddDays(-3), sent: 500, edited: 500, corrected: 500, wordEditDistanceSum: 500, thumbsUp: 0, thumbsDown: 500);

        var gate = await EvaluateAsync(category, new()
        {
            [$"Gates:Categories:{category}:Window"] = "1.00:00:00",
        });

        Assert.Equal((60, 20), (gate.Sent, gate.Feedback));
        Assert.Equal(9 / 60.0, Value(gate, GateMath.EditedShare), 9);
        Assert.Equal(1 / 60.0, Value(gate, GateMath.CorrectedShare), 9);
        Assert.Equal(4.5 / 60, Value(gate, GateMath.MeanEditDistance), 9);
        Assert.Equal(0.9, Value(gate, GateMath.ThumbsUpShare), 9);
        Assert.True(gate.Ready, string.Join("; ", gate.Reasons));

        var wider = await EvaluateAsync(category, []);
        Assert.Equal(560, wider.Sent);
        Assert.False(wider.Ready);
        Assert.Contains("edited share 0.91 > 0.30 over 560 sent drafts", wider.Reasons);
    }

    [Fact]
    public async Task Lists_categories_without_data_as_not_ready()
    {
        var empty = await stack.NewCategoryAsync("empty");

        await using var host = Host(stack, []);
        await using var scope = host.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<GateEvaluator>().EvaluateAllAsync(Ct);

        var gate = Assert.Single(all, g => g.Category == empty);
        Assert.Equal(("offline", false, 0), (gate.Phase, gate.Ready, gate.Sent));
        Assert.Contains("no sent drafts in window", gate.Reasons);
        Assert.Contains(all, g => g.Category == "billing");
    }

    private static double Value(CategoryGateView gate, string check) => gate.Checks.Single(c => c.Name == check).Value!.Value;

    private async Task<CategoryGateView> EvaluateAsync(string category, Dictionary<string, string?> configuration)
    {
        await using var host = Host(stack, configuration);
        await using var scope = host.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<GateEvaluator>().EvaluateAsync(category, Ct))!;
    }

    private static ServiceProvider Host(StackFixture stack, Dictionary<string, string?> configuration)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ConnectionNames.Database}"] = stack.Postgres.ConnectionString,
            ["Gates:Default:MinimumSent"] = "50",
            ["Gates:Default:MinimumFeedback"] = "10",
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddSupportBotDatabase();
        builder.AddGates();
        return builder.Services.BuildServiceProvider();
    }
}
