using Microsoft.Playwright;
using SupportBot.Hosting;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Web;

/// <summary>
/// Headless Chromium for the console's tests: Debian's /usr/bin/chromium (scripts/install-prerequisites.sh installs it),
/// driven by the Playwright driver that ships inside the Microsoft.Playwright package. Nothing is downloaded.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The screen the console is designed for; phone-width checks use their own context.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("SUPPORTBOT_CHROMIUM") ?? DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"{chromium} not found; install it with: apt-get install -y --no-install-recommends chromium (or run scripts/install-prerequisites.sh)");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Tests run as root in CI, where Chromium's sandbox cannot start; /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        // A shared machine under load: generous waits, never a fixed sleep.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A fresh browser context (own cookies) at <paramref name="viewport"/>, with waits for a loaded machine.</summary>
    public async Task<IBrowserContext> NewContextAsync(string baseUrl, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = viewport ?? Desktop });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>Saves a full-page screenshot as docs/images/ui-NAME.png: docs/ui.md shows these, as the tests took them.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppHostOptions.FindRepositoryRoot(), "docs", "images", $"ui-{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    /// <summary>Signs in through the page, as a person would: paste the key, press the button.</summary>
    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The stack's console, its dev keys and a browser.</summary>
public abstract class ConsoleTestBase(StackFixture stack, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    protected StackFixture Stack { get; } = stack;
    protected ConsoleBrowser Browser { get; } = browser;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An API client for setting up: a first draft on a cold, loaded stack can take longer than the usual 30 s.</summary>
    protected HttpClient SlowApiClient(string role)
    {
        var client = Stack.ApiClient(role);
        client.Timeout = TimeSpan.FromMinutes(3);
        return client;
    }

    protected Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null) => Browser.NewContextAsync(Stack.Web.Url, viewport);
}
