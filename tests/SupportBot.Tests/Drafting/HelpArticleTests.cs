using System.Net.Http.Json;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Data.HelpCenter;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>Indexing a folder of Markdown articles, through `supportbot index refresh` and the store it shares with the API.</summary>
public sealed class HelpArticleTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_folder_of_three_articles_indexes_three_at_version_1()
    {
        using var folder = new ArticleFolder();
        var slugs = WriteThreeArticles(folder);

        var (exitCode, output, error) = await RefreshAsync(folder.Path);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains($"indexed {folder.Path}: 3 added, 0 updated, 0 unchanged, 0 skipped", output);
        foreach (var slug in slugs)
        {
            Assert.Equal(1, (await stack.CurrentAsync(slug))?.Version);
            Assert.Equal([1], (await stack.VersionsAsync(slug)).Select(v => v.Version));
        }
    }

    [Fact]
    public async Task Reindexing_an_unchanged_folder_adds_and_updates_nothing()
    {
        using var folder = new ArticleFolder();
        var slugs = WriteThreeArticles(folder);
        await RefreshAsync(folder.Path);

        var (exitCode, output, _) = await RefreshAsync(folder.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("0 added, 0 updated, 3 unchanged, 0 skipped", output);
        foreach (var slug in slugs)
        {
            Assert.Single(await stack.VersionsAsync(slug));
        }
    }

    [Fact]
    public async Task Editing_one_file_records_version_2_and_version_1_stays_readable()
    {
        using var folder = new ArticleFolder();
        var slugs = WriteThreeArticles(folder);
        await RefreshAsync(folder.Path);
        var edited = slugs[1];
        folder.WriteArticle(edited, "Exporting your data", "Exports now include attachments.");

        var (_, output, _) = await RefreshAsync(folder.Path);

        Assert.Contains("0 added, 1 updated, 2 unchanged", output);
        Assert.Equal((2, "Exports now include attachments."), await stack.CurrentAsync(edited));
        Assert.Equal([1, 2], (await stack.VersionsAsync(edited)).Select(v => v.Version));
        Assert.Equal(1, (await stack.CurrentAsync(slugs[0]))?.Version);

        using var agent = stack.ApiClient(Roles.Agent);
        var old = await agent.GetFromJsonAsync<HelpArticleDetail>($"/api/help-articles/{edited}/versions/1", Ct);
        Assert.Equal((1, 2, "Body of article 2."), (old!.Version, old.CurrentVersion, old.Body));
        var current = await agent.GetFromJsonAsync<HelpArticleDetail>($"/api/help-articles/{edited}", Ct);
        Assert.Equal((2, "Exports now include attachments."), (current!.Version, current.Body));
    }

    [Fact]
    public async Task Broken_files_are_reported_with_their_paths_and_the_others_still_index()
    {
        using var folder = new ArticleFolder();
        var good = ArticleFolder.UniqueSlug("good");
        folder.WriteArticle(good, "A good article", "Still indexed.");
        var badYaml = folder.Write("broken-yaml.md", "---\ntitle: [unclosed\nurl: https://help.example/x\n---\nbody\n");
        var noTitle = folder.Write("no-title.md", $"---\nslug: {ArticleFolder.UniqueSlug("no-title")}\nurl: https://help.example/x\n---\nbody\n");
        var noFrontMatter = folder.Write("notes.md", "# Just notes\n");

        var (exitCode, output, _) = await RefreshAsync(folder.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("1 added, 0 updated, 0 unchanged, 3 skipped", output);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"skipped {badYaml}: invalid YAML", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"skipped {noTitle}: title: A title is required.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"skipped {noFrontMatter}: no front matter", StringComparison.Ordinal));
        Assert.Equal(1, (await stack.CurrentAsync(good))?.Version);
    }

    [Fact]
    public async Task Subfolders_are_read_and_a_slug_claimed_twice_is_reported_once()
    {
        using var folder = new ArticleFolder();
        var nested = ArticleFolder.UniqueSlug("nested");
        folder.Write($"billing/{nested}.md", ArticleFolder.Markdown(nested, "Nested article", "First claim."));
        var second = folder.Write($"zz/{nested}.md", ArticleFolder.Markdown(nested, "Same slug again", "Second claim."));
        var hidden = ArticleFolder.UniqueSlug("hidden");
        folder.Write($".drafts/{hidden}.md", ArticleFolder.Markdown(hidden, "Hidden", "Not published."));

        var summary = await stack.WithStoreAsync(store => store.ReindexFolderAsync(folder.Path, Ct));

        Assert.Equal(1, summary.Added);
        var error = Assert.Single(summary.Errors);
        Assert.Equal((second, nested), (error.File, error.Slug));
        Assert.Contains(Path.Combine(folder.Path, "billing", nested + ".md"), error.Reason);
        Assert.Equal("First claim.", (await stack.CurrentAsync(nested))?.Body);
        Assert.Null(await stack.CurrentAsync(hidden));
    }

    [Fact]
    public async Task The_search_column_reflects_the_new_body_right_after_reindex()
    {
        using var folder = new ArticleFolder();
        var slug = ArticleFolder.UniqueSlug("search");
        folder.WriteArticle(slug, "Changing your plan", "Upgrade from the billing page.");
        await RefreshAsync(folder.Path);
        Assert.True(await stack.MatchesSearchAsync(slug, "billing"));
        Assert.False(await stack.MatchesSearchAsync(slug, "kumquat"));

        folder.WriteArticle(slug, "Changing your plan", "Plans are now changed from the kumquat menu.");
        await RefreshAsync(folder.Path);

        Assert.True(await stack.MatchesSearchAsync(slug, "kumquat"));
        Assert.False(await stack.MatchesSearchAsync(slug, "billing"));
    }

    [Fact]
    public async Task Concurrent_reindexes_record_each_change_exactly_once()
    {
        var slug = ArticleFolder.UniqueSlug("race");
        var first = new HelpArticleSource(slug, "Race", "Version one.", $"https://help.example/{slug}", null, "en");
        var second = first with { Body = "Version two." };

        var adds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => stack.WithStoreAsync(s => s.UpsertAsync([first], Ct))));
        var updates = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => stack.WithStoreAsync(s => s.UpsertAsync([second], Ct))));

        Assert.Equal((1, 3), (adds.Sum(s => s.Added), adds.Sum(s => s.Unchanged)));
        Assert.Equal((1, 3), (updates.Sum(s => s.Updated), updates.Sum(s => s.Unchanged)));
        Assert.Equal([(1, "Version one."), (2, "Version two.")], await stack.VersionsAsync(slug));
    }

    [Fact]
    public async Task Invalid_sources_and_repeated_slugs_given_to_the_store_are_reported_and_skipped()
    {
        var slug = ArticleFolder.UniqueSlug("direct");
        var valid = new HelpArticleSource(slug, "Direct", "Body.", $"https://help.example/{slug}", null, "en");

        var summary = await stack.WithStoreAsync(store => store.UpsertAsync(
            [valid, valid with { Body = "Other body." }, valid with { Slug = slug + "-bad", Url = "not a url" }], Ct));

        Assert.Equal(1, summary.Added);
        Assert.Equal([slug, slug + "-bad"], summary.Errors.Select(e => e.Slug));
        Assert.Contains("url:", summary.Errors[1].Reason);
        Assert.Equal((1, "Body."), await stack.CurrentAsync(slug));
        Assert.Null(await stack.CurrentAsync(slug + "-bad"));
    }

    [Fact]
    public async Task A_missing_folder_is_a_one_line_error_with_exit_1()
    {
        var missing = Path.Combine(Path.GetTempPath(), "supportbot-tests", "no-such-folder-" + Guid.NewGuid().ToString("N")[..8]);

        var (exitCode, output, error) = await RefreshAsync(missing);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"supportbot: the help-article folder {missing} does not exist", error.Trim());
    }

    /// <summary>Three articles with unique slugs; article n has the body "Body of article n.".</summary>
    private static List<string> WriteThreeArticles(ArticleFolder folder)
    {
        var slugs = Enumerable.Range(1, 3).Select(n => ArticleFolder.UniqueSlug($"article{n}")).ToList();
        for (var i = 0; i < slugs.Count; i++)
        {
            folder.WriteArticle(slugs[i], $"Article {i + 1}", $"Body of article {i + 1}.");
        }

        return slugs;
    }

    private async Task<(int ExitCode, string Output, string Error)> RefreshAsync(string folder)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync(
            ["index", "refresh", "--path", folder, "--database", stack.Postgres.ConnectionString], output, error, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
