using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.Tests.Web;

/// <summary>A manager reads a category's gate and promotes it with a reason; the refusals on the way show on the page.</summary>
public sealed class ReadinessTests(StackFixture stack, ConsoleBrowser browser) : ConsoleTestBase(stack, browser)
{
    [Fact]
    public async Task A_manager_promotes_a_category_over_its_gate_with_a_reason()
    {
        // A category of its own (new categories start offline), so no other test's category changes phase.
        var category = $"ui-{Guid.NewGuid():N}"[..15];
        using (var integration = SlowApiClient(Roles.Integration))
        {
            var import = await integration.PostAsJsonAsync("/api/tickets/import",
                new[] { new TicketImportItem($"{category}-1", "Old question", "How do I rename a project?", "Open the project, then Settings > Rename.", category) }, Ct);
            import.EnsureSuccessStatusCode();
        }

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Manager]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Readiness" }).ClickAsync();
        var card = page.Locator("article.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = category }) });
        await Expect(card).ToContainTextAsync("offline");
        // No experiment run yet: the phase-1 gate says why it does not hold.
        await Expect(card).ToContainTextAsync("Phase-1 gate");
        await Expect(card.GetByRole(AriaRole.List)).ToContainTextAsync("no completed experiment run");
        await ConsoleBrowser.ScreenshotAsync(page, "readiness");

        await card.GetByRole(AriaRole.Link, new() { Name = category }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/readiness/{category}$"));
        await Expect(page.Locator("#current-phase")).ToHaveTextAsync("offline");
        await Expect(page.GetByLabel("New phase")).ToHaveValueAsync("internal");

        // Without force the gate refuses (409, its reasons on the page) ...
        await page.GetByRole(AriaRole.Button, new() { Name = "Change phase" }).ClickAsync();
        await Expect(page.Locator("#phase-problem")).ToContainTextAsync("cannot become internal");

        // ... forcing needs a reason (400: the API's field error next to the reason) ...
        await page.GetByLabel("Override the gate").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change phase" }).ClickAsync();
        await Expect(page.Locator("#phase-reason-error")).ToHaveTextAsync("A forced change needs a reason: it goes to the audit log.");

        // ... and with one the category moves up, audited.
        const string reason = "Pilot with the team this week; the offline run is scheduled.";
        await page.GetByLabel("Override the gate").CheckAsync();
        await page.Locator("#phase-reason").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change phase" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{category} is now internal.");
        await Expect(page.Locator("#current-phase")).ToHaveTextAsync("internal");
        await Expect(page.Locator("table.audit")).ToContainTextAsync(reason);
        // Internal now: the phase-2 gate's checks, each with its threshold and the sample it needs.
        await Expect(page.Locator("table.checks")).ToContainTextAsync("thumbs_up_share");
        await Expect(page.Locator("table.checks")).ToContainTextAsync("0 of 10 needed");
        await ConsoleBrowser.ScreenshotAsync(page, "category");

        using var manager = Stack.ApiClient(Roles.Manager);
        var change = (await manager.GetFromJsonAsync<List<PhaseChangeView>>($"/api/categories/{category}/phase-changes", Ct))!.First();
        Assert.Equal(("offline", "internal", true, reason, "dev-manager"), (change.FromPhase, change.ToPhase, change.Forced, change.Reason, change.ChangedBy));
        Assert.Equal("internal", (await manager.GetFromJsonAsync<CategoryGateView>($"/api/gates/{category}", Ct))!.Phase);
    }

    [Fact]
    public async Task An_agent_reads_readiness_without_the_managers_forms()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Agent]);
        await page.GotoAsync("/readiness/how-to");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "how-to", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change phase" })).ToHaveCountAsync(0);
    }
}
