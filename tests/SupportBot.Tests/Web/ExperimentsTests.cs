using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportBot.Contracts;
using SupportBot.Tests.Experiments;
using SupportBot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.Tests.Web;

/// <summary>Datasets and runs listed, a run's report, and two runs compared, as the API reports them.</summary>
public sealed class ExperimentsTests(StackFixture stack, ConsoleBrowser browser) : ConsoleTestBase(stack, browser)
{
    [Fact]
    public async Task An_agent_reads_the_runs_of_a_dataset_a_report_and_a_comparison()
    {
        var category = $"ui-exp-{Guid.NewGuid():N}"[..18];
        using var manager = SlowApiClient(Roles.Manager);
        using (var integration = SlowApiClient(Roles.Integration))
        {
            var import = await integration.PostAsJsonAsync("/api/tickets/import", new[]
            {
                new TicketImportItem($"{category}-1", "Rename a project", "How do I rename a project?", "Open the project, then Settings > Rename.", category),
                new TicketImportItem($"{category}-2", "Delete a project", "How do I delete a project?", "Open the project, then Settings > Delete.", category),
            }, Ct);
            import.EnsureSuccessStatusCode();
        }

        var dataset = await ExperimentApi.CreateDatasetAsync(manager, category, new DatasetTicketFilter(Category: category));
        var a = await RunAsync(manager, category);
        var b = await RunAsync(manager, category);
        var report = (await manager.GetFromJsonAsync<ExperimentReport>($"/api/experiments/{b.Id}", Ct))!;
        var metric = report.Aggregates.First(x => x.Scope == "overall");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsoleBrowser.SignInAsync(page, Stack.DevKeys[Roles.Agent]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Experiments" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Datasets and experiments", Level = 1 })).ToBeVisibleAsync();
        var row = page.Locator("table.datasets tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = category }) });
        await Expect(row).ToContainTextAsync("v1");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(dataset.ItemCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.GetByRole(AriaRole.Link, new() { Name = $"Runs on {category}" }).ClickAsync();
        await Expect(page.Locator("table.runs tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator($"tr[data-run='{a.Id}'] .status")).ToHaveTextAsync("completed");
        await ConsoleBrowser.ScreenshotAsync(page, "experiments");

        // The compare form preselects the newer run as B and the one before as A.
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"a={a.Id}&b={b.Id}"));
        var comparison = (await manager.GetFromJsonAsync<ExperimentComparison>($"/api/experiments/compare?a={a.Id}&b={b.Id}", Ct))!;
        await Expect(page.Locator("#verdict")).ToHaveTextAsync(comparison.Verdict);
        await Expect(page.Locator("#improved h2")).ToHaveTextAsync($"Improved ({comparison.Improved.Count})");
        await Expect(page.Locator("#regressed h2")).ToHaveTextAsync($"Regressed ({comparison.Regressed.Count})");
        await Expect(page.Locator("table.deltas")).ToContainTextAsync(metric.Metric);
        await ConsoleBrowser.ScreenshotAsync(page, "experiments-compare");

        await page.Locator($"a[href='/experiments/{b.Id}']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/experiments/{b.Id}$"));
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("completed");
        var aggregate = page.Locator("table.aggregates tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = metric.Metric, Exact = true }) }).First;
        await Expect(aggregate).ToContainTextAsync(metric.Mean.ToString("0.###", System.Globalization.CultureInfo.CurrentCulture));
        await Expect(page.Locator("table.items tbody tr")).ToHaveCountAsync(report.Run.Total);
        await ConsoleBrowser.ScreenshotAsync(page, "experiment-run");

        // Comparing with a run that does not exist: the API's answer, no error page.
        await page.GotoAsync($"/experiments/compare?a={a.Id}&b={Guid.NewGuid()}");
        await Expect(page.Locator("#compare-problem")).ToBeVisibleAsync();
    }

    /// <summary>A run to the end; generous, as the worker shares two cores with the rest of the suite.</summary>
    private static async Task<ExperimentRunView> RunAsync(HttpClient manager, string dataset)
    {
        var run = await ExperimentApi.StartAsync(manager, new CreateExperimentRequest(dataset));
        var report = await ExperimentApi.WaitAsync(manager, run.Id, TimeSpan.FromMinutes(6));
        Assert.Equal("completed", report.Run.Status);
        return report.Run;
    }
}
