using SupportBot.Drafting.Classification;
using SupportBot.Drafting.Pipeline;
using SupportBot.Drafting.Prompts;
using SupportBot.Drafting.Retrieval;

namespace SupportBot.Tests.Drafting;

public sealed class DraftingPartsTests
{
    [Fact]
    public void Handoff_marker_is_split_from_the_customer_message()
    {
        var parsed = DraftReplyParser.Parse("HANDOFF: refund outside policy\r\nHi Bob,\r\nA teammate will follow up.");

        Assert.True(parsed.Handoff);
        Assert.Equal("refund outside policy", parsed.HandoffReason);
        Assert.Equal("Hi Bob,\nA teammate will follow up.", parsed.Text);
        Assert.False(DraftReplyParser.Parse("Hi Bob, here is how.").Handoff);
    }

    [Fact]
    public void Template_fills_known_placeholders_and_leaves_unknown_ones_visible()
    {
        var rendered = PromptTemplate.Render("Reply in {{language}} about {{ category }}; {{unknown}}",
            new Dictionary<string, string?> { ["language"] = "de", ["category"] = "billing" });

        Assert.Equal("Reply in de about billing; {{unknown}}", rendered);
        Assert.Equal(["language", "category", "unknown"], PromptTemplate.PlaceholdersIn("{{language}} {{category}} {{unknown}} {{language}}"));
    }

    [Fact]
    public void Cosine_of_lexeme_sets_is_one_for_equal_sets_and_zero_for_disjoint_ones()
    {
        Assert.Equal(1, LexemeSimilarity.Cosine(["export", "csv"], ["csv", "export"]), 6);
        Assert.Equal(0, LexemeSimilarity.Cosine(["export"], ["refund"]));
        Assert.Equal(1 / Math.Sqrt(2 * 4), LexemeSimilarity.Cosine(["export", "csv"], ["export", "a", "b", "c"]), 6);
        Assert.Equal(0, LexemeSimilarity.Cosine([], ["export"]));
    }

    [Fact]
    public async Task Nearest_neighbour_vote_weights_by_similarity_and_reports_its_share_as_confidence()
    {
        var decision = await new NearestNeighbourClassifier().ClassifyAsync("s", "b",
        [
            Neighbour("billing", 0.6),
            Neighbour("billing", 0.2),
            Neighbour("troubleshooting", 0.7),
        ], TestContext.Current.CancellationToken);

        Assert.Equal("billing", decision.Category);
        Assert.Equal(0.8 / 1.5, decision.Confidence, 3);
        Assert.Equal(CategoryDecision.Classified, decision.Source);
    }

    [Fact]
    public async Task Without_neighbours_the_ticket_is_uncategorized_with_zero_confidence()
    {
        var decision = await new NearestNeighbourClassifier().ClassifyAsync("s", "b", [], TestContext.Current.CancellationToken);

        Assert.Equal(CategoryDecision.Uncategorized, decision.Category);
        Assert.Equal(0, decision.Confidence);
    }

    private static SimilarTicket Neighbour(string category, double score) =>
        new(Guid.NewGuid(), "x", category, "s", "r", false, "en", score);
}
