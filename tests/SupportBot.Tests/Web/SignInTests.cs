using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.Tests.Web;

/// <summary>Sign-in with an API key, the session cookie, sign-out, and a key revoked while its session lives.</summary>
public sealed partial class SignInTests(StackFixture stack, ConsoleBrowser browser) : ConsoleTestBase(stack, browser)
{
    [Fact]
    public async Task A_key_signs_in_to_an_http_only_session_a_bad_key_is_refused_and_a_revoked_key_returns_to_sign_in()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        // A page of the console without a session goes to sign-in, remembering where it was going.
        await page.GotoAsync("/readiness");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GetByLabel("API key").FillAsync("sb_not-a-real-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#api-key-error")).ToHaveTextAsync("The API does not know this key, or it has been revoked.");
        await ConsoleBrowser.ScreenshotAsync(page, "signin-bad-key");

        // The ticketing integration's key is valid but has no pages here.
        await page.GetByLabel("API key").FillAsync(Stack.DevKeys[Roles.Integration]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#api-key-error")).ToContainTextAsync("role (integration) has no pages");

        await page.GetByLabel("API key").FillAsync(Stack.DevKeys[Roles.Agent]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/readiness$"));
        await Expect(page.Locator(".session .who")).ToContainTextAsync("dev-agent");

        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "supportbot.session");
        Assert.True(session.HttpOnly);
        Assert.DoesNotContain(Stack.DevKeys[Roles.Agent], session.Value);
        // An agent sees readiness but not the manager's forms.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Readiness" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "supportbot.session");
        await page.GotoAsync("/inbox");
        await Expect(page).ToHaveURLAsync(SignInUrl());

        // A key revoked during its session: the next page ends the session with a message.
        using var admin = Stack.ApiClient(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest($"ui-revoked-{Guid.NewGuid():N}"[..24], Roles.Agent), Ct);
        created.EnsureSuccessStatusCode();
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>(Ct))!;
        await ConsoleBrowser.SignInAsync(page, key.Key);
        await Expect(page).ToHaveURLAsync(new Regex("/inbox"));
        (await admin.DeleteAsync($"/api/admin/api-keys/{key.Id}", Ct)).EnsureSuccessStatusCode();

        await page.GotoAsync("/readiness");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?expired=1$"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your session has ended");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "supportbot.session");
        await ConsoleBrowser.ScreenshotAsync(page, "signin-expired");
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Stack.Web.Url) };

        using var response = await http.PostAsync("/signout", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static Regex SignInUrl() => SignInPattern();

    [GeneratedRegex("/signin(\\?|$)")]
    private static partial Regex SignInPattern();
}
