using Microsoft.Extensions.DependencyInjection;
using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Pipeline;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>Drafting:MinCategoryConfidence: an unsure vote makes the category unknown and hands the ticket to the team; a given category is never doubted.</summary>
public sealed class CategoryConfidenceTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_vote_below_the_threshold_is_no_category_and_a_hand_off()
    {
        // Above any vote's confidence: every classified ticket is unsure.
        await using var host = new DraftingHost(stack, new Dictionary<string, string?> { ["Drafting:MinCategoryConfidence"] = "1.01" });
        await using var scope = host.CreateScope();
        var pipeline = scope.ServiceProvider.GetRequiredService<DraftingPipeline>();

        var classified = await pipeline.DraftAsync(new DraftInput("Refund", "Can I get a refund for the annual plan?", "en", null, "Priya"), new DraftOptions(), Ct);
        var given = await pipeline.DraftAsync(new DraftInput("Refund", "Can I get a refund for the annual plan?", "en", "billing", "Priya"), new DraftOptions(), Ct);

        Assert.Equal(CategoryDecision.Uncategorized, classified.Category.Category);
        Assert.True(classified.Handoff);
        Assert.StartsWith("category unsure", classified.HandoffReason);
        Assert.Equal("billing", given.Category.Category);
        Assert.DoesNotContain("category unsure", given.HandoffReason ?? "");
    }

    [Fact]
    public async Task Without_a_threshold_the_vote_stands()
    {
        await using var host = new DraftingHost(stack);
        await using var scope = host.CreateScope();

        var draft = await scope.ServiceProvider.GetRequiredService<DraftingPipeline>().DraftAsync(
            new DraftInput("Refund", "Can I get a refund for the annual plan?", "en", null, "Priya"), new DraftOptions(), Ct);

        Assert.NotEqual(CategoryDecision.Uncategorized, draft.Category.Category);
    }
}
