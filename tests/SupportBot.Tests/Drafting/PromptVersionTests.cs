using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Contracts;
using SupportBot.Drafting.Pipeline;
using SupportBot.Drafting.Prompts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// Prompt versions and labels. Each test uses its own prompt name: the production label of the
/// default prompt is shared by every test that drafts.
/// </summary>
public sealed class PromptVersionTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Drafts_use_the_production_version_until_the_label_moves()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..10];
        using var manager = stack.ApiClient(Roles.Manager);
        var v1 = await CreateAsync(manager, name, "Version one {{language}}", ["production"]);
        var v2 = await CreateAsync(manager, name, "Version two {{language}}", ["candidate"]);
        Assert.Equal((1, 2), (v1.Version, v2.Version));

        await using var host = new DraftingHost(stack);
        Assert.Equal(1, (await DraftAsync(host, new DraftOptions(name))).Prompt.Version);
        Assert.Equal(2, (await DraftAsync(host, new DraftOptions(name, PromptLabel: "candidate"))).Prompt.Version);
        Assert.Equal(1, (await DraftAsync(host, new DraftOptions(name, PromptVersion: 1))).Prompt.Version);

        // Production drafts for customers: without a comparison of version 2 the move is forced, with a reason (ProductionLabelGuardTests).
        using var moved = await manager.PutAsJsonAsync($"/api/prompts/{name}/labels/production", new MovePromptLabelRequest(2, true, "test: label moves"), Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        // Another process (the API) moved the label: this one sees it once its short cache expires.
        await Task.Delay(PromptStore.CacheFor + TimeSpan.FromMilliseconds(200), Ct);
        Assert.Equal(2, (await DraftAsync(host, new DraftOptions(name))).Prompt.Version);

        var listed = await manager.GetFromJsonAsync<List<PromptVersionView>>($"/api/prompts?name={name}", Ct);
        Assert.Equal([["candidate", "production"], []], listed!.Select(p => p.Labels.Order().ToArray()));
    }

    [Fact]
    public async Task A_new_version_with_a_label_takes_it_from_the_older_one()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..10];
        using var manager = stack.ApiClient(Roles.Manager);
        await CreateAsync(manager, name, "one", ["candidate"]);
        await CreateAsync(manager, name, "two", ["candidate"]);

        var listed = await manager.GetFromJsonAsync<List<PromptVersionView>>($"/api/prompts?name={name}", Ct);

        Assert.Equal(["candidate"], listed!.Single(p => p.Version == 2).Labels);
        Assert.Empty(listed!.Single(p => p.Version == 1).Labels);
    }

    [Fact]
    public async Task Unknown_versions_and_labels_are_clear_errors()
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..10];
        using var manager = stack.ApiClient(Roles.Manager);
        await CreateAsync(manager, name, "one", []);

        using var missingVersion = await manager.PutAsJsonAsync($"/api/prompts/{name}/labels/production", new MovePromptLabelRequest(9), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missingVersion.StatusCode);

        await using var host = new DraftingHost(stack);
        var error = await Assert.ThrowsAsync<PromptNotFoundException>(() => DraftAsync(host, new DraftOptions(name)));
        Assert.Contains("no version labelled 'production'", error.Message);
    }

    [Fact]
    public async Task Bad_prompt_fields_are_400_and_agents_may_not_create_prompts()
    {
        using var manager = stack.ApiClient(Roles.Manager);
        using var bad = await manager.PostAsJsonAsync("/api/prompts",
            new CreatePromptVersionRequest("Bad Name!", "", new PromptSettingsDto(Temperature: 5), ["Prod"]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["labels", "name", "settings.temperature", "template"], errors.EnumerateObject().Select(p => p.Name).Order());

        using var agent = stack.ApiClient(Roles.Agent);
        using var forbidden = await agent.PostAsJsonAsync("/api/prompts", new CreatePromptVersionRequest("x", "t"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static async Task<PromptVersionView> CreateAsync(HttpClient manager, string name, string template, string[] labels)
    {
        using var response = await manager.PostAsJsonAsync("/api/prompts", new CreatePromptVersionRequest(name, template, Labels: labels), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PromptVersionView>(Ct))!;
    }

    private static async Task<DraftResult> DraftAsync(DraftingHost host, DraftOptions options)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DraftingPipeline>()
            .DraftAsync(new DraftInput("Password reset", "I cannot reset my password", "en", null, "Ana"), options, Ct);
    }
}
