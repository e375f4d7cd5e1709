using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Data.HelpCenter;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// POST /api/help-articles/reindex reads the folder in the API's own configuration. Each test starts
/// its own API process with the setting it needs, so the shared stack stays exactly what the
/// AppHost runs for developers.
/// </summary>
public sealed class HelpArticleReindexEndpointTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reindex_without_a_configured_folder_is_409_saying_how_to_configure_it()
    {
        // Empty rather than absent, so a value exported in the test runner's shell cannot leak in.
        await using var api = await ApiProcess.StartAsync(stack, new Dictionary<string, string> { [HelpCenterOptions.ArticlesPathVariable] = "" }, Ct);
        using var manager = api.Client(Roles.Manager);

        using var response = await manager.PostAsync("/api/help-articles/reindex", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(HelpCenterOptions.ArticlesPathVariable, (await response.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reindex_reads_the_configured_folder_and_a_missing_folder_is_409_with_its_path()
    {
        using var folder = new ArticleFolder();
        var slug = ArticleFolder.UniqueSlug("endpoint");
        folder.WriteArticle(slug, "Inviting teammates", "Invite people from the members page.");
        var broken = folder.Write("broken.md", "---\nurl: https://help.example/x\n---\nno title\n");
        await using var api = await ApiProcess.StartAsync(stack, new Dictionary<string, string> { [HelpCenterOptions.ArticlesPathVariable] = folder.Path }, Ct);
        using var manager = api.Client(Roles.Manager);

        using var first = await manager.PostAsync("/api/help-articles/reindex", null, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var summary = (await first.Content.ReadFromJsonAsync<ReindexSummary>(Ct))!;
        Assert.Equal((1, 0, 0), (summary.Added, summary.Updated, summary.Unchanged));
        Assert.Equal(broken, Assert.Single(summary.Errors).File);

        folder.WriteArticle(slug, "Inviting teammates", "Invite people from the team settings page.");
        using var reindexed = await manager.PostAsync("/api/help-articles/reindex", null, Ct);
        var second = await reindexed.Content.ReadFromJsonAsync<ReindexSummary>(Ct);
        Assert.Equal((0, 1, 0), (second!.Added, second.Updated, second.Unchanged));
        Assert.True(await stack.MatchesSearchAsync(slug, "team settings"));
        using var agent = api.Client(Roles.Agent);
        var current = await agent.GetFromJsonAsync<HelpArticleDetail>($"/api/help-articles/{slug}", Ct);
        Assert.Equal((2, "Invite people from the team settings page."), (current!.Version, current.Body));

        Directory.Delete(folder.Path, recursive: true);
        using var missing = await manager.PostAsync("/api/help-articles/reindex", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, missing.StatusCode);
        Assert.Contains(folder.Path, (await missing.ReadJsonAsync()).GetProperty("detail").GetString());
    }
}
