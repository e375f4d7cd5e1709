using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>Upserting and reading articles through the API of the shared stack.</summary>
public sealed class HelpArticlesApiTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upsert_is_201_for_a_new_slug_then_200_unchanged_then_200_with_version_2()
    {
        using var manager = stack.ApiClient(Roles.Manager);
        var slug = ArticleFolder.UniqueSlug("api");
        var request = Request(slug) with { Language = null };

        using var created = await manager.PostAsJsonAsync("/api/help-articles", request, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/help-articles/{slug}", created.Headers.Location?.OriginalString);
        Assert.Equal(new UpsertHelpArticleResponse(slug, 1, true), await created.Content.ReadFromJsonAsync<UpsertHelpArticleResponse>(Ct));

        using var same = await manager.PostAsJsonAsync("/api/help-articles", request, Ct);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(new UpsertHelpArticleResponse(slug, 1, false), await same.Content.ReadFromJsonAsync<UpsertHelpArticleResponse>(Ct));

        using var changed = await manager.PostAsJsonAsync("/api/help-articles", request with { Category = "billing" }, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(new UpsertHelpArticleResponse(slug, 2, true), await changed.Content.ReadFromJsonAsync<UpsertHelpArticleResponse>(Ct));

        var current = await manager.GetFromJsonAsync<HelpArticleDetail>($"/api/help-articles/{slug}", Ct);
        Assert.Equal(("billing", "en", 2), (current!.Category, current.Language, current.Version));
        Assert.Equal([1, 2], (await stack.VersionsAsync(slug)).Select(v => v.Version));
    }

    [Fact]
    public async Task Upsert_with_bad_fields_is_400_with_field_errors_and_writes_nothing()
    {
        using var manager = stack.ApiClient(Roles.Manager);
        var slug = ArticleFolder.UniqueSlug("invalid");
        var bad = new UpsertHelpArticleRequest(slug, " ", "", "ftp://help.example/x", new string('c', TextLimits.CategoryName + 1), "x");

        using var response = await manager.PostAsJsonAsync("/api/help-articles", bad, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["body", "category", "language", "title", "url"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Null(await stack.CurrentAsync(slug));
    }

    [Fact]
    public async Task A_bad_update_of_an_existing_article_leaves_it_as_it_was()
    {
        using var manager = stack.ApiClient(Roles.Manager);
        var slug = ArticleFolder.UniqueSlug("keep");
        using var created = await manager.PostAsJsonAsync("/api/help-articles", Request(slug), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var response = await manager.PostAsJsonAsync("/api/help-articles", Request(slug) with { Body = "New body", Url = "help.example/relative" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["url"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal((1, "How to export your data."), await stack.CurrentAsync(slug));
    }

    [Fact]
    public async Task A_bad_slug_is_a_field_error()
    {
        using var manager = stack.ApiClient(Roles.Manager);

        using var response = await manager.PostAsJsonAsync("/api/help-articles", Request("Export Data!"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["slug"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Agents_see_a_404_for_an_unknown_article_or_version()
    {
        var slug = ArticleFolder.UniqueSlug("known");
        using var manager = stack.ApiClient(Roles.Manager);
        (await manager.PostAsJsonAsync("/api/help-articles", Request(slug), Ct)).EnsureSuccessStatusCode().Dispose();
        using var agent = stack.ApiClient(Roles.Agent);

        using var unknown = await agent.GetAsync($"/api/help-articles/{ArticleFolder.UniqueSlug("unknown")}", Ct);
        using var noVersion = await agent.GetAsync($"/api/help-articles/{slug}/versions/2", Ct);
        using var known = await agent.GetAsync($"/api/help-articles/{slug}/versions/1", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Theory]
    [InlineData("/api/help-articles")]
    [InlineData("/api/help-articles/reindex")]
    public async Task Agents_get_403_on_writes(string path)
    {
        using var agent = stack.ApiClient(Roles.Agent);
        var slug = ArticleFolder.UniqueSlug("agent");

        using var response = await agent.PostAsJsonAsync(path, Request(slug), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await stack.CurrentAsync(slug));
    }

    [Fact]
    public async Task Integration_keys_cannot_read_articles()
    {
        using var integration = stack.ApiClient(Roles.Integration);

        using var response = await integration.GetAsync("/api/help-articles", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_list_shows_each_article_at_its_current_version()
    {
        using var manager = stack.ApiClient(Roles.Manager);
        var slug = ArticleFolder.UniqueSlug("listed");
        (await manager.PostAsJsonAsync("/api/help-articles", Request(slug), Ct)).Dispose();
        (await manager.PostAsJsonAsync("/api/help-articles", Request(slug) with { Title = "Exporting, revised" }, Ct)).Dispose();
        using var agent = stack.ApiClient(Roles.Agent);

        var list = await agent.GetFromJsonAsync<List<HelpArticleSummary>>("/api/help-articles", Ct);

        var listed = Assert.Single(list!, a => a.Slug == slug);
        Assert.Equal(("Exporting, revised", 2, "how-to", "en"), (listed.Title, listed.Version, listed.Category, listed.Language));
        Assert.True(listed.UpdatedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    private static UpsertHelpArticleRequest Request(string slug) =>
        new(slug, "Exporting your workspace data", "How to export your data.", $"https://help.tasklane.example/articles/{slug}", "how-to", "en");
}
