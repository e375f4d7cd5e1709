using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupportBot.Cli;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>The small corrections of issue 11, item 6: each one a behaviour that was wrong.</summary>
public sealed class SmallCorrectionsTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_worker_status_reports_the_process_start_not_the_first_call()
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.Worker.Url) };
        var before = DateTimeOffset.UtcNow;

        var status = (await http.GetFromJsonAsync<JsonObject>("/status", Ct))!;

        var startedAt = DateTimeOffset.Parse((string)status["startedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        // The worker started with the fixture, before any test ran (and took seconds to get ready).
        Assert.True(startedAt < before - TimeSpan.FromSeconds(1), $"started {startedAt:O}, asked {before:O}");
    }

    [Fact]
    public async Task Revoking_a_revoked_key_says_so()
    {
        using var admin = stack.ApiClient(Roles.Admin);
        using var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest("twice-" + Guid.NewGuid().ToString("N")[..8], Roles.Agent), Ct);
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>(Ct))!;

        using var first = await admin.DeleteAsync($"/api/admin/api-keys/{key.Id}", Ct);
        using var second = await admin.DeleteAsync($"/api/admin/api-keys/{key.Id}", Ct);
        var (exitCode, output, _) = await CliAsync("keys", "revoke", key.Name, "--database", stack.Postgres.ConnectionString);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already revoked", (await second.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, exitCode);
        Assert.Contains("already revoked", output);
    }

    [Fact]
    public async Task Removing_no_items_makes_no_dataset_version()
    {
        using var manager = stack.ApiClient(Roles.Manager);
        using var created = await manager.PostAsJsonAsync("/api/datasets", new CreateDatasetRequest("noop-" + Guid.NewGuid().ToString("N")[..8]), Ct);
        var dataset = (await created.Content.ReadFromJsonAsync<DatasetChangeView>(Ct))!;

        using var removed = await manager.PostAsJsonAsync($"/api/datasets/{dataset.DatasetId}/items/remove", new RemoveDatasetItemsRequest([Guid.NewGuid()]), Ct);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var change = (await removed.Content.ReadFromJsonAsync<DatasetChangeView>(Ct))!;
        Assert.Equal(dataset.Version, change.Version);
        Assert.Equal(0, change.Removed);
        Assert.Equal(1L, await stack.ScalarAsync<long>("SELECT count(*) FROM dataset_versions WHERE dataset_id = $1", dataset.DatasetId));
    }

    [Theory]
    [InlineData("--fail-below", "groundedness=0.5")]
    [InlineData("--fail-below", "reference_f1=0.2")]
    public async Task A_misspelt_gate_metric_exits_1_before_anything_is_queued(string option, string value)
    {
        var runsBefore = await stack.ScalarAsync<long>("SELECT count(*) FROM experiment_runs");
        var misspelt = value.StartsWith("groundedness", StringComparison.Ordinal);

        // An unknown dataset fails the launch too: the metric check must come first to be seen.
        var (exitCode, _, error) = await CliAsync("experiment", "run", "--dataset", "no-such-dataset-" + Guid.NewGuid().ToString("N")[..6],
            option, value, "--database", stack.Postgres.ConnectionString);

        Assert.Equal(1, exitCode);
        Assert.Equal(misspelt, error.Contains("unknown metric 'groundedness'", StringComparison.Ordinal));
        Assert.Equal(runsBefore, await stack.ScalarAsync<long>("SELECT count(*) FROM experiment_runs"));
    }

    [Fact]
    public async Task The_openapi_document_marks_only_required_request_fields_required()
    {
        using var anonymous = stack.ApiClient();
        var schemas = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct))!["components"]!["schemas"]!;

        string[] Required(string schema) => [.. (schemas[schema]?["required"]?.AsArray() ?? []).Select(n => (string)n!).Order()];

        Assert.Equal(["text"], Required(nameof(SentReplyRequest)));
        Assert.Equal(["thumb"], Required(nameof(DraftFeedbackRequest)));
        Assert.Equal(["phase"], Required(nameof(ChangePhaseRequest)));
        Assert.Empty(Required(nameof(AddToDatasetRequest)));
        Assert.Empty(Required(nameof(DismissRequest)));
        Assert.Equal(["body"], Required(nameof(CreateTicketRequest)));
        Assert.Equal("string", ((JsonArray)schemas[nameof(CreateTicketRequest)]!["properties"]!["subject"]!["type"]!).Select(t => (string)t!).First(t => t != "null"));
    }

    [Fact]
    public async Task The_tickets_api_takes_what_the_importer_takes()
    {
        using var integration = stack.ApiClient(Roles.Integration);
        var marker = Guid.NewGuid().ToString("N")[..10];

        using var noSubject = await integration.PostAsJsonAsync("/api/tickets",
            new CreateTicketRequest($"nosubj-{marker}", null, $"My export button is gone ({marker})", Language: "pt_BR"), Ct);
        using var badLanguage = await integration.PostAsJsonAsync("/api/tickets",
            new CreateTicketRequest($"badlang-{marker}", "Hi", "Body", Language: "english"), Ct);

        Assert.Equal(HttpStatusCode.Created, noSubject.StatusCode);
        Assert.Equal("pt-br", await stack.ScalarAsync<string>("SELECT language FROM tickets WHERE external_id = $1", $"nosubj-{marker}"));
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
    }

    private static async Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportBotCli.InvokeAsync(args, output, error, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
