using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.Tests.Web;

/// <summary>An agent works the inbox: a ticket with its draft, an API field error, an edited send with thumbs, the next ticket.</summary>
public sealed class InboxTests(StackFixture stack, ConsoleBrowser browser) : ConsoleTestBase(stack, browser)
{
    private const string Category = "how-to";

    [Fact]
    public async Task An_agent_sends_an_edited_draft_with_thumbs_down_and_gets_the_next_ticket()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        // The marker is ticket text: it must reach the page but never the console's log.
        var marker = $"zebra{run}";
        var first = await CreateTicketAsync($"UI-{run}-1", $"Export to CSV gone {run}", $"Where did the CSV export go? I need it for my report. {marker}");
        var second = await CreateTicketAsync($"UI-{run}-2", $"Export question {run}", "How do I export my tasks to a spreadsheet?");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Agent]);
        await Expect(page).ToHaveURLAsync(new Regex("/inbox"));

        await page.GetByLabel("Category").SelectOptionAsync(Category);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"category={Regex.Escape(Category)}"));
        await page.GetByRole(AriaRole.Link, new() { Name = $"Export to CSV gone {run}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/inbox/{first.TicketId}"));
        await Expect(page.GetByLabel("Category")).ToHaveValueAsync(Category);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Export to CSV gone {run}" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("The customer's message")).ToContainTextAsync(marker);
        var reply = page.GetByLabel("Reply to the customer");
        await Expect(reply).ToHaveValueAsync(first.Text.ReplaceLineEndings("\n"));
        foreach (var citation in first.Citations)
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = citation.Title })).ToHaveAttributeAsync("href", citation.Url);
        }

        await ConsoleBrowser.ScreenshotAsync(page, "inbox");

        // An empty reply: the API's field error shows next to the box; the thumbs go in once and are not asked again.
        await page.GetByLabel("Thumbs down").CheckAsync();
        await page.GetByLabel("Comment on the draft (optional)").FillAsync("Cites the old export menu");
        await reply.FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(page.Locator("#reply-text-error")).ToHaveTextAsync("The sent reply text is required.");
        await Expect(reply).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Your verdict on the draft was recorded.")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "inbox-field-error");

        var edited = $"Hello, the CSV export moved to Settings > Data > Export. Ticket {run}.";
        await reply.FillAsync(edited);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

        // The next ticket opens, never the one just sent.
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "sent" })).ToContainTextAsync($"Reply to UI-{run}-1 sent.");
        Assert.DoesNotContain(first.TicketId.ToString(), page.Url);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Export to CSV gone {run}" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Export question {run}" })).ToBeVisibleAsync();

        using var agent = Stack.ApiClient(Roles.Agent);
        var outcome = await Eventually.ValueAsync(async () =>
        {
            var draft = await agent.GetFromJsonAsync<DraftView>($"/api/drafts/{first.DraftId}", Ct);
            return draft?.Outcome is { SentAt: not null, ThumbsDown: > 0 } o ? o : null;
        }, TimeSpan.FromMinutes(2), "the sent reply and thumbs recorded by the worker");
        Assert.Equal(edited, outcome.SentText);
        Assert.Equal("dev-agent", outcome.AgentId);
        Assert.Equal(1, outcome.ThumbsDown);
        Assert.Equal(0, outcome.ThumbsUp);
        Assert.Equal("Cites the old export menu", outcome.LastComment);
        Assert.NotNull(outcome.EditType);
        var untouched = await agent.GetFromJsonAsync<DraftView>($"/api/drafts/{second.DraftId}", Ct);
        Assert.Null(untouched!.Outcome?.SentAt);

        // Ticket text reached the page, never the console's log.
        var log = Path.Combine(Stack.StateDirectory, "logs", "web.log");
        Assert.True(File.Exists(log), $"{log} is missing");
        Assert.DoesNotContain(marker, await File.ReadAllTextAsync(log, Ct));
    }

    [Fact]
    public async Task Editing_shows_the_live_diff_and_edit_type_and_the_keyboard_moves_and_sends()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var first = await CreateTicketAsync($"UI-{run}-k1", $"Invoice address {run}", "How do I change the address on my invoices?");
        var second = await CreateTicketAsync($"UI-{run}-k2", $"Invoice copy {run}", "Where can I download a copy of last month's invoice?");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Agent]);
        await page.GotoAsync($"/inbox/{second.TicketId}?category={Category}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Invoice copy {run}" })).ToBeVisibleAsync();
        await Expect(page.Locator("#shortcuts")).ToContainTextAsync("next / previous ticket");

        // j opens the ticket below in the queue, k the one above (back here).
        var here = page.Url;
        var below = await page.Locator(".tickets li:has(a[aria-current=page]) + li a").GetAttributeAsync("href");
        Assert.NotNull(below);
        await page.Locator("#inbox-title").FocusAsync();
        await page.Keyboard.PressAsync("j");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(below!) + "$"));
        // Other tests add tickets meanwhile: "above" is read from the page as it is now.
        var above = await page.Locator(".tickets li:has(+ li a[aria-current=page]) a").GetAttributeAsync("href");
        Assert.NotNull(above);
        await page.Keyboard.PressAsync("k");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(above!) + "$"));
        await page.GotoAsync(here);

        // The unchanged draft records "none"; adding a sentence and dropping the last word shows both, live.
        var reply = page.GetByLabel("Reply to the customer");
        await Expect(page.Locator("#edit-type")).ToHaveTextAsync("none");
        var draftText = second.Text.ReplaceLineEndings("\n").TrimEnd();
        var lastSpace = draftText.LastIndexOf(' ');
        var edited = $"{draftText[..lastSpace]} Also, invoices {run} are under Billing > History.";
        await page.Keyboard.PressAsync("e");
        await Expect(reply).ToBeFocusedAsync();
        await reply.FillAsync(edited);
        await Expect(page.Locator("#edit-diff ins")).ToContainTextAsync([$"invoices {run} are under Billing"]);
        await Expect(page.Locator("#edit-diff del").First).ToBeVisibleAsync();
        await Expect(page.Locator("#edit-type")).Not.ToHaveTextAsync("none");
        await Expect(page.Locator("#edit-distance")).ToContainTextAsync("word edit distance");
        var previewed = (await page.Locator("#edit-type").TextContentAsync())!;
        // The page shows what the API's classifier says for exactly this text.
        using var agent = Stack.ApiClient(Roles.Agent);
        var classify = await agent.PostAsJsonAsync("/api/edits/classify", new ClassifyEditRequest(second.Text, edited), Ct);
        Assert.Equal(previewed, (await classify.Content.ReadFromJsonAsync<EditClassification>(Ct))!.EditType);
        await ConsoleBrowser.ScreenshotAsync(page, "inbox-diff");

        // An empty reply: the preview says why before anything is sent.
        await reply.FillAsync(" ");
        await Expect(page.Locator("#edit-preview-error")).ToHaveTextAsync("The sent text is required.");
        await reply.FillAsync(edited);
        await Expect(page.Locator("#edit-preview-error")).ToBeHiddenAsync();

        // Ctrl+Enter from the reply box sends; the next ticket opens.
        await reply.PressAsync("Control+Enter");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "sent" })).ToContainTextAsync($"Reply to UI-{run}-k2 sent.");
        Assert.DoesNotContain(second.TicketId.ToString(), page.Url);

        var outcome = await Eventually.ValueAsync(async () =>
        {
            var draft = await agent.GetFromJsonAsync<DraftView>($"/api/drafts/{second.DraftId}", Ct);
            return draft?.Outcome is { SentAt: not null, EditType: not null } o ? o : null;
        }, TimeSpan.FromMinutes(2), "the sent reply recorded by the worker");
        Assert.Equal(edited, outcome.SentText);
        Assert.Equal(previewed, outcome.EditType);
        Assert.Null((await agent.GetFromJsonAsync<DraftView>($"/api/drafts/{first.DraftId}", Ct))!.Outcome?.SentAt);
    }

    [Fact]
    public async Task The_edit_preview_needs_the_antiforgery_token_and_a_session()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Stack.Web.Url) };
        using var anonymous = await http.PostAsJsonAsync("/inbox/preview", new { draftId = Guid.NewGuid(), text = "x" }, Ct);
        // No session: refused, no preview.
        Assert.False(anonymous.IsSuccessStatusCode, $"an anonymous preview answered {(int)anonymous.StatusCode}");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Agent]);
        await Expect(page).ToHaveURLAsync(new Regex("/inbox"));
        // Signed in, but without the form's token (as another site's page would post): refused.
        var response = await context.APIRequest.PostAsync("/inbox/preview", new() { DataObject = new { draftId = Guid.NewGuid(), text = "x" } });
        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task The_inbox_fits_a_phone_screen()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ticket = await CreateTicketAsync($"UI-{run}-phone", $"Phone layout {run}", "Can I reset my password from the app?");
        await using var context = await NewContextAsync(ConsoleBrowser.Phone);
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Agent]);
        await page.GotoAsync($"/inbox/{ticket.TicketId}?category={Category}");

        await Expect(page.GetByLabel("Reply to the customer")).ToBeVisibleAsync();
        // Nothing wider than the screen: no sideways scrolling of the page.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a 390px screen");
        await ConsoleBrowser.ScreenshotAsync(page, "inbox-phone");
    }

    private async Task<TicketDraftResponse> CreateTicketAsync(string externalId, string subject, string body)
    {
        using var integration = SlowApiClient(Roles.Integration);
        var response = await integration.PostAsJsonAsync("/api/tickets",
            new CreateTicketRequest(externalId, subject, body, Category, CustomerName: "Robin"), Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
    }
}
