using System.Net;
using System.Net.Http.Json;
using System.Text;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>POST /api/tickets/import on the running API, checked in the stack's Postgres.</summary>
public sealed class TicketImportApiTests(StackFixture stack)
{
    private const string Path = "/api/tickets/import";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _prefix = "api-" + Guid.NewGuid().ToString("N")[..12];
    private readonly StoredTickets _stored = new(stack.Postgres.ConnectionString);

    [Fact]
    public async Task A_batch_returns_the_summary_with_bad_items_by_index_and_stores_the_rest()
    {
        using var http = stack.ApiClient(Roles.Integration);
        TicketImportItem[] batch =
        [
            Item("1") with { Tags = ["billing", "refund"], Escalated = true, CustomerName = "Ada", Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) },
            Item("2") with { Body = null },
            Item("3") with { Language = "pt_BR" },
        ];

        using var response = await http.PostAsJsonAsync(Path, batch, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<ImportSummary>(Ct))!;
        Assert.Equal((2L, 0L, 0L, 1L), (summary.Imported, summary.Updated, summary.Unchanged, summary.Skipped));
        Assert.Equal([new ImportRowError(1, "missing body")], summary.Errors);
        var first = await _stored.SingleAsync($"{_prefix}-1");
        Assert.Equal(["billing", "refund"], first.Tags);
        Assert.Equal((true, "Ada"), (first.Escalated, first.CustomerName));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), first.CreatedAt);
        Assert.Equal("pt-br", (await _stored.SingleAsync($"{_prefix}-3")).Language);

        using var again = await http.PostAsJsonAsync(Path, batch, Ct);
        var second = (await again.Content.ReadFromJsonAsync<ImportSummary>(Ct))!;
        Assert.Equal((0L, 0L, 2L), (second.Imported, second.Updated, second.Unchanged));
        Assert.Equal(2, (await _stored.WithIdPrefixAsync(_prefix)).Count);
    }

    [Fact]
    public async Task An_item_with_a_bad_value_is_skipped_alone_and_aliases_work_as_in_files()
    {
        using var http = stack.ApiClient(Roles.Admin);
        var json = $$"""
            [
              {"ticket_id": "{{_prefix}}-1", "title": "Aliased", "description": "Body by alias", "resolution": "Answer by alias", "queue": "{{_prefix}}-q"},
              {"id": "{{_prefix}}-2", "body": "Fine", "created": "not a date"},
              {"id": "{{_prefix}}-3", "body": "Fine", "escalated": "perhaps"}
            ]
            """;

        using var response = await http.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<ImportSummary>(Ct))!;
        Assert.Equal([1L, 2L], summary.Errors.Select(e => e.Line));
        Assert.Equal(1, summary.Imported);
        var ticket = await _stored.SingleAsync($"{_prefix}-1");
        Assert.Equal(("Aliased", "Body by alias", "Answer by alias", $"{_prefix}-q"), (ticket.Subject, ticket.Body, ticket.SentReply, ticket.Category));
    }

    [Fact]
    public async Task An_empty_batch_is_a_400_validation_problem()
    {
        using var http = stack.ApiClient(Roles.Integration);

        using var response = await http.PostAsJsonAsync(Path, Array.Empty<TicketImportItem>(), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("The batch is empty.", problem.GetProperty("errors").GetProperty("tickets")[0].GetString());
    }

    [Fact]
    public async Task A_batch_over_1000_items_is_a_400_validation_problem_and_writes_nothing()
    {
        using var http = stack.ApiClient(Roles.Integration);
        var batch = Enumerable.Range(1, 1_001).Select(i => Item(i.ToString())).ToArray();

        using var response = await http.PostAsJsonAsync(Path, batch, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("at most 1,000", problem.GetProperty("errors").GetProperty("tickets")[0].GetString());
        Assert.Empty(await _stored.WithIdPrefixAsync(_prefix));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var http = stack.ApiClient(Roles.Integration);

        using var response = await http.PostAsync(Path, new StringContent("[{\"id\": \"x\", ", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Manager)]
    public async Task Roles_other_than_integration_and_admin_get_403(string role)
    {
        using var http = stack.ApiClient(role);

        using var response = await http.PostAsJsonAsync(Path, new[] { Item("1") }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await _stored.WithIdPrefixAsync(_prefix));
    }

    private TicketImportItem Item(string id) => new($"{_prefix}-{id}", $"Subject {id}", $"Body {id}", $"Answer {id}");
}
