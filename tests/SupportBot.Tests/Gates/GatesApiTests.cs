using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Gates;

/// <summary>GET /api/gates and phase changes through the real API, over hourly stats seeded in Postgres.</summary>
public sealed class GatesApiTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gates_list_every_category_with_values_and_reasons()
    {
        var busy = await stack.NewCategoryAsync("api", "internal");
        var idle = await stack.NewCategoryAsync("api");
        await stack.SeedStatsAsync(busy, DateTimeOffset.UtcNow, sent: 57, edited: 24, corrected: 1, wordEditDistanceSum: 5, thumbsUp: 19, thumbsDown: 1);
        using var agent = stack.ApiClient(Roles.Agent);

        var gates = await agent.GetFromJsonAsync<List<CategoryGateView>>("/api/gates", Ct);

        var gate = Assert.Single(gates!, g => g.Category == busy);
        Assert.Equal(("internal", false, 57, 20), (gate.Phase, gate.Ready, gate.Sent, gate.Feedback));
        Assert.Equal(["edited share 0.42 > 0.30 over 57 sent drafts"], gate.Reasons);
        var none = Assert.Single(gates!, g => g.Category == idle);
        Assert.Contains("no sent drafts in window", none.Reasons);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/gates/no-such-category", Ct)).StatusCode);
    }

    [Fact]
    public async Task Promotion_to_customer_facing_is_refused_while_the_gate_fails_unless_forced_with_a_reason()
    {
        var category = await stack.NewCategoryAsync("promo");
        await stack.SeedStatsAsync(category, DateTimeOffset.UtcNow, sent: 60, edited: 30, corrected: 0, wordEditDistanceSum: 6, thumbsUp: 20, thumbsDown: 0);
        using var manager = stack.ApiClient(Roles.Manager);

        // The phase-1 gate (Phase1GateTests) is not what this test is about: force past it.
        using var toInternal = await ChangeAsync(manager, category, new ChangePhaseRequest("internal", true, "start collecting edits"));
        Assert.Equal(HttpStatusCode.OK, toInternal.StatusCode);

        using var refused = await ChangeAsync(manager, category, new ChangePhaseRequest("customer-facing", null, null));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal(["edited share 0.50 > 0.30 over 60 sent drafts"], problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        using var noReason = await ChangeAsync(manager, category, new ChangePhaseRequest("customer-facing", true, " "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.ReadJsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));

        using var forced = await ChangeAsync(manager, category, new ChangePhaseRequest("customer-facing", true, "pilot with two customers"));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal("customer-facing", (await forced.ReadJsonAsync()).GetProperty("phase").GetString());

        var changes = await manager.GetFromJsonAsync<List<PhaseChangeView>>($"/api/categories/{category}/phase-changes", Ct);
        Assert.Equal([("internal", "customer-facing", true, "pilot with two customers"), ("offline", "internal", true, "start collecting edits")],
            changes!.Select(c => (c.FromPhase, c.ToPhase, c.Forced, c.Reason)));
        Assert.All(changes!, c => Assert.Equal("dev-manager", c.ChangedBy));
        Assert.Equal(0.5, changes![0].GateSnapshot.GetProperty("checks")[0].GetProperty("value").GetDouble(), 9);
        Assert.Equal("customer-facing", await stack.ScalarAsync<string>("SELECT phase FROM categories WHERE name = $1", category));
    }

    [Fact]
    public async Task A_passing_gate_promotes_without_force_and_demotion_needs_no_gate()
    {
        var category = await stack.NewCategoryAsync("pass", "internal");
        await stack.SeedStatsAsync(category, DateTimeOffset.UtcNow, sent: 80, edited: 10, corrected: 1, wordEditDistanceSum: 4, thumbsUp: 19, thumbsDown: 1);
        using var manager = stack.ApiClient(Roles.Manager);

        using var promoted = await ChangeAsync(manager, category, new ChangePhaseRequest("customer-facing", null, null));
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.False((await promoted.ReadJsonAsync()).GetProperty("change").GetProperty("forced").GetBoolean());

        using var demoted = await ChangeAsync(manager, category, new ChangePhaseRequest("offline", null, "wrong refund answers"));
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        Assert.Equal("offline", await stack.ScalarAsync<string>("SELECT phase FROM categories WHERE name = $1", category));
        Assert.Equal(2L, await stack.ScalarAsync<long>("SELECT count(*) FROM category_phase_changes WHERE category = $1", category));
    }

    [Fact]
    public async Task Bad_requests_are_clear_and_change_nothing()
    {
        var category = await stack.NewCategoryAsync("bad");
        using var manager = stack.ApiClient(Roles.Manager);
        using var agent = stack.ApiClient(Roles.Agent);

        using var badPhase = await ChangeAsync(manager, category, new ChangePhaseRequest("production", null, null));
        Assert.Equal(HttpStatusCode.BadRequest, badPhase.StatusCode);
        Assert.True((await badPhase.ReadJsonAsync()).GetProperty("errors").TryGetProperty("phase", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await ChangeAsync(manager, "no-such-category", new ChangePhaseRequest("internal", null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/categories/no-such-category/phase-changes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ChangeAsync(agent, category, new ChangePhaseRequest("internal", null, null))).StatusCode);

        using var skip = await ChangeAsync(manager, category, new ChangePhaseRequest("customer-facing", true, "skip it"));
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        using var same = await ChangeAsync(manager, category, new ChangePhaseRequest("offline", null, null));
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);

        Assert.Equal("offline", await stack.ScalarAsync<string>("SELECT phase FROM categories WHERE name = $1", category));
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM category_phase_changes WHERE category = $1", category));
        Assert.Empty((await agent.GetFromJsonAsync<List<JsonElement>>($"/api/categories/{category}/phase-changes", Ct))!);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string category, ChangePhaseRequest request) =>
        client.PostAsJsonAsync($"/api/categories/{category}/phase", request, Ct);
}
