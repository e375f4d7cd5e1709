using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Models;

/// <summary>
/// The production prompt label is part of what drafts for customers: once a prompt has one, moving it (PUT
/// /api/prompts/{name}/labels/production, or a new version created with it) goes through the audited switch's rule —
/// 409 without a passing comparison, 400 when forced without a reason, forced with a reason audited. Other labels move freely.
/// </summary>
public sealed class ProductionLabelGuardTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Moving_the_production_label_needs_a_passing_comparison_or_a_forced_reason()
    {
        var name = "guard-" + Guid.NewGuid().ToString("N")[..10];
        using var manager = stack.ApiClient(Roles.Manager);
        // A prompt's first production label has nothing in production to compare against: it is allowed.
        await CreateAsync(manager, name, "one {{language}}", ["production"], HttpStatusCode.Created);
        await CreateAsync(manager, name, "two {{language}}", [], HttpStatusCode.Created);

        // Without a comparison: 409 with the reasons, nothing moved, nothing audited.
        using (var refused = await manager.PutAsJsonAsync($"/api/prompts/{name}/labels/production", new MovePromptLabelRequest(2), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.ReadJsonAsync();
            Assert.Contains("no comparison of 'default' (version 2) against production 'default' (version 1)", problem.GetProperty("detail").GetString());
            Assert.NotEmpty(problem.GetProperty("reasons").EnumerateArray());
        }

        Assert.Equal(1, await ProductionVersionAsync(manager, name));
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM model_changes WHERE prompt_name = $1", name));

        // A version created with the production label would take it without a comparison: refused too.
        await CreateAsync(manager, name, "three {{language}}", ["production"], HttpStatusCode.Conflict);
        Assert.Equal(1, await ProductionVersionAsync(manager, name));

        // The CLI's way to the same switch (production model kept, version moved) is refused the same way.
        var cli = await stack.CliWithApiAsync(Roles.Manager, "model", "use", "default", "--prompt", name, "--prompt-version", "2");
        Assert.Equal(3, cli.ExitCode);
        Assert.StartsWith("supportbot: refused: no comparison of 'default' (version 2)", cli.Error.Trim());

        // Forced without a reason: 400 with the field, nothing moved.
        using (var noReason = await manager.PutAsJsonAsync($"/api/prompts/{name}/labels/production", new MovePromptLabelRequest(2, Force: true), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.True((await noReason.ReadJsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        }

        Assert.Equal(1, await ProductionVersionAsync(manager, name));

        // Forced with a reason: moved, and audited as forced with its reason and no comparison.
        using (var forced = await manager.PutAsJsonAsync($"/api/prompts/{name}/labels/production", new MovePromptLabelRequest(2, true, "hotfix: wrong refund window"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
            Assert.Contains("production", (await forced.Content.ReadFromJsonAsync<PromptVersionView>(Ct))!.Labels);
        }

        Assert.Equal(2, await ProductionVersionAsync(manager, name));
        Assert.Equal(1L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM model_changes WHERE prompt_name = $1 AND forced AND reason = 'hotfix: wrong refund window' AND comparison_id IS NULL " +
            "AND from_prompt_version = 1 AND to_prompt_version = 2 AND from_model = 'default' AND to_model = 'default' AND changed_by IS NOT NULL", name));
        var production = await manager.GetFromJsonAsync<ProductionModelView>($"/api/models/production?prompt={name}", Ct);
        Assert.Equal((2, "default"), (production!.PromptVersion, production.Model));
        Assert.True(production.Changes.Single().Forced);

        // Putting it where it already is changes nothing; other labels are not gated.
        using (var same = await manager.PutAsJsonAsync($"/api/prompts/{name}/labels/production", new MovePromptLabelRequest(2), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }

        using (var candidate = await manager.PutAsJsonAsync($"/api/prompts/{name}/labels/candidate", new MovePromptLabelRequest(1), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, candidate.StatusCode);
        }

        Assert.Equal(1L, await stack.ScalarAsync<long>("SELECT count(*) FROM model_changes WHERE prompt_name = $1", name));
    }

    private static async Task CreateAsync(HttpClient manager, string name, string template, string[] labels, HttpStatusCode expected)
    {
        using var response = await manager.PostAsJsonAsync("/api/prompts", new CreatePromptVersionRequest(name, template, Labels: labels), Ct);
        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task<int> ProductionVersionAsync(HttpClient manager, string name)
    {
        var listed = await manager.GetFromJsonAsync<List<PromptVersionView>>($"/api/prompts?name={name}", Ct);
        return listed!.Single(p => p.Labels.Contains("production")).Version;
    }
}
