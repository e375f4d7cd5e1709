using SupportBot.Drafting.Retrieval;

namespace SupportBot.Tests.Drafting;

public sealed class QueryTermsTests
{
    [Fact]
    public void Rarest_known_terms_are_taken_while_they_fit_the_candidate_budget()
    {
        QueryLexeme[] lexemes = [new("export", 900), new("csv", 300), new("fail", 5_000), new("audit", 40), new("hi", 90_000)];

        var terms = QueryTerms.ForTickets(lexemes, maxTerms: 24, candidateBudget: 1_500);

        Assert.Equal(["audit", "csv", "export"], terms.AnyOf);
        Assert.Empty(terms.AllOf);
    }

    [Fact]
    public void The_rarest_term_is_taken_even_beyond_the_budget_and_unknown_terms_ride_along()
    {
        QueryLexeme[] lexemes = [new("fail", 5_000), new("zorblax", 0)];

        var terms = QueryTerms.ForTickets(lexemes, maxTerms: 24, candidateBudget: 1_000);

        Assert.Equal(["zorblax", "fail"], terms.AnyOf);
    }

    [Fact]
    public void Without_statistics_the_longest_terms_are_used()
    {
        QueryLexeme[] lexemes = [new("a1", 0), new("download", 0), new("csv", 0), new("integration", 0)];

        var terms = QueryTerms.ForTickets(lexemes, maxTerms: 2, candidateBudget: 1_000);

        Assert.Equal(["integration", "download"], terms.AnyOf);
    }

    [Fact]
    public void When_even_the_rarest_term_is_common_the_two_rarest_must_occur_together()
    {
        QueryLexeme[] lexemes = [new("fail", 5_000), new("hi", 90_000), new("export", 16_000), new("zorblax", 0)];

        var terms = QueryTerms.ForTickets(lexemes, maxTerms: 24, candidateBudget: 1_000);

        Assert.Equal(["zorblax"], terms.AnyOf);
        Assert.Equal(["fail", "export"], terms.AllOf);
    }
}
