using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.Tests.Web;

/// <summary>A draft's trace on one page: its steps and every score the team's send and thumbs put on it.</summary>
public sealed class TraceTests(StackFixture stack, ConsoleBrowser browser) : ConsoleTestBase(stack, browser)
{
    [Fact]
    public async Task The_trace_page_shows_the_steps_the_outcome_and_every_score()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        TicketDraftResponse created;
        using (var integration = SlowApiClient(Roles.Integration))
        {
            var response = await integration.PostAsJsonAsync("/api/tickets",
                new CreateTicketRequest($"UI-{run}-trace", $"Trace me {run}", "How do I invite a colleague to my workspace?", "how-to", CustomerName: "Kim"), Ct);
            response.EnsureSuccessStatusCode();
            created = (await response.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
        }

        using var agent = Stack.ApiClient(Roles.Agent);
        (await agent.PostAsJsonAsync($"/api/drafts/{created.DraftId}/feedback", new DraftFeedbackRequest(Thumbs.Down, $"Wrong menu {run}", null), Ct)).EnsureSuccessStatusCode();
        var sent = $"Hello Kim, open Settings > Members > Invite. Ticket {run}.";
        (await agent.PostAsJsonAsync($"/api/drafts/{created.DraftId}/sent", new SentReplyRequest(sent, null, null), Ct)).EnsureSuccessStatusCode();
        var scores = await Eventually.ValueAsync(async () =>
        {
            var trace = await agent.GetFromJsonAsync<TraceView>($"/api/traces/{created.TraceId}", Ct);
            return trace?.Scores is { } s && s.Any(x => x.Name == "edit_type") && s.Any(x => x.Name == "thumbs") ? s : null;
        }, TimeSpan.FromMinutes(2), "the worker's edit and thumbs scores on the trace");
        var editType = scores.Single(s => s.Name == "edit_type").StringValue!;

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Agent]);
        await page.GotoAsync($"/traces/{created.TraceId}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Trace {created.TraceId}" })).ToBeVisibleAsync();
        await Expect(page.Locator("#trace-category")).ToContainTextAsync("how-to");
        await Expect(page.Locator("#trace-sent")).ToContainTextAsync("dev-agent");
        await Expect(page.Locator("#trace-edit")).ToContainTextAsync(editType);
        await Expect(page.Locator("#trace-thumbs")).ToContainTextAsync($"0 up, 1 down · “Wrong menu {run}”");
        // Each step of the pipeline, with the similar tickets it retrieved as a table.
        var steps = page.Locator("ol.steps > li");
        await Expect(steps.Filter(new() { HasText = "retrieve similar tickets" })).ToHaveCountAsync(1);
        await Expect(steps.Filter(new() { HasText = "classify" })).ToHaveCountAsync(1);
        await Expect(steps.Filter(new() { HasText = "generate" })).ToContainTextAsync(created.Text[..Math.Min(40, created.Text.Length)]);
        // Every score, grouped: the edit (type and distances) and the thumbs with its comment.
        var edit = page.Locator("table.scores", new() { Has = page.GetByText("Edit (what the team changed before sending)") });
        await Expect(edit.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "edit_type", Exact = true }) })).ToContainTextAsync(editType);
        await Expect(edit).ToContainTextAsync("edit_distance");
        var thumbs = page.Locator("table.scores", new() { Has = page.GetByText("Thumbs", new() { Exact = true }) });
        await Expect(thumbs).ToContainTextAsync("👎 down");
        await Expect(thumbs).ToContainTextAsync($"Wrong menu {run}");
        await ConsoleBrowser.ScreenshotAsync(page, "trace");

        // An unknown trace: the API's message (its 404), not an error page.
        await page.GotoAsync("/traces/no-such-trace");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No trace with id no-such-trace.");
    }

    [Fact]
    public async Task The_inbox_links_a_draft_to_its_trace()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var integration = SlowApiClient(Roles.Integration);
        var response = await integration.PostAsJsonAsync("/api/tickets",
            new CreateTicketRequest($"UI-{run}-tlink", $"Trace link {run}", "Can I change my workspace's name?", "how-to"), Ct);
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Agent]);
        await page.GotoAsync($"/inbox/{created.TicketId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "trace", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/traces/{Regex.Escape(created.TraceId)}$"));
        await Expect(page.Locator("#trace-sent")).ToContainTextAsync("not yet");
    }
}
