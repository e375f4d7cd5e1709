using SupportBot.Evaluation.Gates;
using SupportBot.Evaluation.Experiments;
using static SupportBot.Evaluation.Reviews.ReviewSampler;

namespace SupportBot.Tests.Gates;

public sealed class ReviewSamplerTests
{
    private static readonly Candidate[] Items =
        [.. Enumerable.Range(0, 30).Select(i => new Candidate(new Guid(i, 0, 0, new byte[8]), i % 3 == 0 ? "billing" : "how-to"))];

    [Fact]
    public void The_same_seed_draws_the_same_items_whatever_the_input_order()
    {
        var forward = Draw(Items, 5, seed: 11);
        var reversed = Draw(Items.Reverse(), 5, seed: 11);

        Assert.Equal(forward, reversed);
        Assert.Equal(10, forward.Count);
        Assert.Equal([0, 1, 2, 3, 4], forward.Where(d => d.Category == "billing").Select(d => d.Position));
    }

    [Fact]
    public void Each_category_gets_at_most_its_share_and_a_bigger_sample_contains_the_smaller()
    {
        var small = Draw(Items, 3, seed: 5);
        var large = Draw(Items, 8, seed: 5);

        Assert.Equal(3, small.Count(d => d.Category == "billing"));
        Assert.Equal(8, large.Count(d => d.Category == "how-to"));
        Assert.Subset(large.Select(d => d.ItemId).ToHashSet(), small.Select(d => d.ItemId).ToHashSet());
        Assert.Equal(10, Draw(Items, 100, seed: 5).Count(d => d.Category == "billing"));
    }

    [Fact]
    public void Another_seed_draws_another_sample()
    {
        Assert.NotEqual(Draw(Items, 4, seed: 1).Select(d => d.ItemId), Draw(Items, 4, seed: 2).Select(d => d.ItemId));
    }

    [Fact]
    public async Task The_default_phase1_thresholds_are_those_of_eval_thresholds_yml()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "SupportBot.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The repository root (SupportBot.sln) is not above the test assembly.");
        }

        var file = Path.Combine(root.FullName, "eval", "thresholds.yml");
        var fromFile = RegressionGate.Parse([], await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));

        Assert.Equal(fromFile.OrderBy(t => t.Key), new Phase1GateOptions().Thresholds.OrderBy(t => t.Key));
    }
}
