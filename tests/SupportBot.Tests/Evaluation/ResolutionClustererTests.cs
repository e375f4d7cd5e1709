using SupportBot.Evaluation.Proposals;

namespace SupportBot.Tests.Evaluation;

public sealed class ResolutionClustererTests
{
    private static readonly (string Group, string Text)[] Resolutions =
    [
        ("refund", "Your annual charge is within the 14-day window, so I refunded the annual plan in full to your card."),
        ("refund", "Refund issued: the annual subscription was charged 3 days ago, well inside the refund window."),
        ("refund", "I've refunded the annual plan; refunds for annual charges are possible within 14 days of the charge."),
        ("refund", "Full refund processed for the annual charge since it is inside the 14-day refund window."),
        ("sso", "To set up SSO, add the SAML metadata URL from Okta under Settings, Security, SSO and test the SAML login."),
        ("sso", "SAML SSO with Azure AD: paste the metadata and the ACS URL into the enterprise app, then enforce SSO."),
        ("sso", "Okta SAML setup: copy the SSO ACS URL and entity id, upload the Okta metadata, and test SSO login."),
        ("sso", "For Google SSO use SAML: add the metadata, map the email attribute, and turn on SSO enforcement."),
        ("export", "Exports moved: open Reports, Export, choose CSV or XLSX, and the download link arrives by email."),
        ("export", "The export button is now under Reports; pick CSV or XLSX export and wait for the emailed download link."),
        ("export", "Large exports are split into several CSV files; the export download link is emailed from Reports."),
        ("export", "Use Reports then Export to get CSV or XLSX; the export link in the email is valid for 7 days."),
    ];

    [Fact]
    public void Obviously_similar_resolutions_end_up_together()
    {
        var documents = Resolutions.Select((r, i) => new ResolutionDocument(Guid.CreateVersion7(), r.Text)).ToList();
        var groupOf = documents.Select((d, i) => (d.Id, Resolutions[i].Group)).ToDictionary(x => x.Id, x => x.Group);

        var clusters = ResolutionClusterer.Cluster(documents, k: 3);

        var layout = string.Join(" | ", clusters.Select(c => string.Join(",", c.Members.Select(m => groupOf[m]))));
        Assert.True(clusters.Count == 3, layout);
        Assert.True(clusters.All(c => c.Members.Select(m => groupOf[m]).Distinct().Count() == 1), layout);
        Assert.Equal(12, clusters.Sum(c => c.Members.Count));
        var sso = Assert.Single(clusters, c => groupOf[c.Members[0]] == "sso");
        Assert.Contains("sso", sso.TopTerms);
        Assert.Contains("saml", sso.TopTerms);
    }

    [Fact]
    public void The_same_tickets_always_give_the_same_clusters()
    {
        var documents = Resolutions.Select(r => new ResolutionDocument(Guid.CreateVersion7(), r.Text)).ToList();

        var first = ResolutionClusterer.Cluster(documents);
        var second = ResolutionClusterer.Cluster(documents);

        Assert.Equal(first.Select(c => string.Join(',', c.Members)), second.Select(c => string.Join(',', c.Members)));
        Assert.Equal(first.Select(c => string.Join(',', c.TopTerms)), second.Select(c => string.Join(',', c.TopTerms)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(10, 2)]
    [InlineData(44, 5)]
    [InlineData(65, 6)]
    [InlineData(10_000, ResolutionClusterer.MaxClusters)]
    public void K_grows_with_the_square_root_of_the_category_size(int documents, int k)
    {
        Assert.Equal(k, ResolutionClusterer.ChooseK(documents));
    }

    [Fact]
    public void Greeting_sign_off_and_url_hosts_are_left_out_of_the_clustered_text()
    {
        var text = ResolutionText.For(
            "Refund please",
            "Hi Mira, thanks for reaching out.\n\nI've processed a full refund. More: https://help.tasklane.example/articles/refund-policy\n\nCheers,\nLuis from Tasklane Support");

        Assert.Contains("Refund please", text);
        Assert.Contains("full refund", text);
        Assert.Contains("refund policy", text);
        Assert.DoesNotContain("Mira", text);
        Assert.DoesNotContain("Luis", text);
        Assert.DoesNotContain("help.tasklane", text);
    }
}
