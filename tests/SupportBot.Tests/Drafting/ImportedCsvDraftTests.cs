using System.Net.Http.Json;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>The whole loop: a CSV export imported with the CLI, then a live ticket drafted from it through the API.</summary>
public sealed class ImportedCsvDraftTests(StackFixture stack)
{
    [Fact]
    public async Task A_ticket_like_an_imported_one_is_drafted_from_its_reply_with_a_complete_trace()
    {
        var words = string.Join(' ', Enumerable.Range(0, 3).Select(_ => "kv" + Guid.NewGuid().ToString("N")[..8]));
        var category = "imported-" + Guid.NewGuid().ToString("N")[..8];
        var csv = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, string.Join('\n',
            "Ticket ID,Subject,Description,Agent Reply,Queue,Language",
            $"CSV-{words[..10]}-1,Calendar sync stopped,\"Our calendar sync stopped showing due dates {words}\",\"Hi Jo,\n\nReconnect the calendar under Settings, then Integrations. Due dates reappear within ten minutes.\n\nBest, Mei\",{category},en",
            $"CSV-{words[..10]}-2,Due dates missing in calendar,\"Due dates no longer appear in the calendar {words}\",\"Hi Al,\n\nReconnect the calendar under Settings, then Integrations. Due dates reappear within ten minutes.\n\nBest, Mei\",{category},en",
            ""), TestContext.Current.CancellationToken);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exitCode = await SupportBotCli.InvokeAsync(
                ["import", "tickets", csv, "--map", "body=Description", "--map", "answer=Agent Reply", "--database", stack.Postgres.ConnectionString],
                output, error, TestContext.Current.CancellationToken);
            Assert.True(exitCode == 0, error.ToString());

            using var integration = stack.ApiClient(Roles.Integration);
            var draft = await (await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest(
                null, "Calendar shows no due dates", $"The calendar sync does not show our due dates anymore {words}", CustomerName: "Sam"),
                TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<TicketDraftResponse>(TestContext.Current.CancellationToken);

            Assert.False(draft!.Handoff, draft.HandoffReason);
            Assert.Equal(category, draft.Category);
            Assert.StartsWith("Hi Sam,", draft.Text);
            Assert.Contains("Reconnect the calendar under Settings, then Integrations.", draft.Text);
            using var agent = stack.ApiClient(Roles.Agent);
            var trace = await agent.GetFromJsonAsync<TraceView>($"/api/traces/{draft.TraceId}", TestContext.Current.CancellationToken);
            Assert.Equal(["retrieval", "classification", "retrieval", "generation"], trace!.Observations.Select(o => o.Type));
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
