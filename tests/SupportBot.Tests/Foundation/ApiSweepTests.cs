using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>
/// Every operation of the API's own OpenAPI document, attacked with malformed input (ApiSweep):
/// never a 5xx, and every error a ProblemDetails. New endpoints are in the document, so they are
/// swept without changes here.
/// </summary>
public sealed class ApiSweepTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Malformed_input_to_every_operation_is_a_problem_details_never_a_server_error()
    {
        using var anonymous = stack.ApiClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct))!;
        var sweep = new ApiSweep(document);
        Assert.True(sweep.Operations().Count() >= 30, "the OpenAPI document lists fewer operations than the API has");

        using var admin = stack.ApiClient(Roles.Admin);
        var failures = new List<string>();
        var (sent, serverErrors) = (0, 0);
        foreach (var sweepCase in sweep.Cases())
        {
            using var request = new HttpRequestMessage(sweepCase.Method, sweepCase.Path) { Content = sweepCase.Body };
            using var response = await admin.SendAsync(request, Ct);
            sent++;
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                serverErrors++;
                failures.Add($"{sweepCase}: {status} {Clip(await response.Content.ReadAsStringAsync(Ct))}");
            }
            else if (status >= 400 && await NotProblemDetailsAsync(response) is { } why
                // Kestrel refuses a NUL in the path itself, before any middleware: a bare 400 is all it can send.
                && !(sweepCase.Attack.EndsWith(": NUL", StringComparison.Ordinal) && sweepCase.Attack.StartsWith("path ", StringComparison.Ordinal) && status == 400))
            {
                failures.Add($"{sweepCase}: {status} is not a ProblemDetails ({why})");
            }
        }

        var summary = $"API sweep: {sent} requests over {sweep.Operations().Count()} operations, {serverErrors} server errors, {failures.Count} failures";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("SUPPORTBOT_SWEEP_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllLinesAsync(report, [summary, .. failures], Ct);
            await File.WriteAllTextAsync(report + ".openapi.json", document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), Ct);
        }

        Assert.True(sent > 500, $"only {sent} sweep requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests ({serverErrors} 5xx):\n" + string.Join('\n', failures.Take(60)));
    }

    [Fact]
    public async Task A_NUL_in_a_body_field_is_a_400_naming_the_field()
    {
        using var integration = stack.ApiClient(Roles.Integration);

        using var response = await integration.PostAsync("/api/tickets",
            new StringContent("{\"subject\":\"Export\",\"body\":\"Hi\\u0000there\"}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out var errors), problem.ToString());
        Assert.Contains("NUL", errors[0].GetString());
        Assert.DoesNotContain("there", problem.ToString());
    }

    [Theory]
    [InlineData("/api/search?q=a%00b", "q")]
    [InlineData("/api/prompts?name=a%00b", "name")]
    public async Task A_NUL_in_a_query_or_path_value_is_a_400_naming_the_parameter(string url, string parameter)
    {
        using var manager = stack.ApiClient(Roles.Manager);

        using var response = await manager.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task A_wrong_field_type_is_a_400_naming_the_field()
    {
        using var integration = stack.ApiClient(Roles.Integration);

        using var response = await integration.PostAsync("/api/tickets",
            new StringContent("{\"subject\":\"Export\",\"body\":\"Hi\",\"tags\":\"one\"}", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("tags", out _), problem.ToString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_the_import_takes_more()
    {
        using var integration = stack.ApiClient(Roles.Integration);
        var big = "{\"subject\":\"Export\",\"body\":\"" + new string('x', 1_200_000) + "\"}";

        using var ticket = await integration.PostAsync("/api/tickets", new StringContent(big, System.Text.Encoding.UTF8, "application/json"), Ct);
        using var chunked = await integration.PostAsync("/api/tickets", new ChunkedContent(big), Ct);
        using var import = await integration.PostAsync("/api/tickets/import", new StringContent("[" + big + "]", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, ticket.StatusCode);
        Assert.Equal("application/problem+json", ticket.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal("application/problem+json", chunked.Content.Headers.ContentType?.MediaType);
        // Read in full: the one item is skipped for its too-long body, reported by index.
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
    }

    private static async Task<string?> NotProblemDetailsAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"content type {response.Content.Headers.ContentType?.MediaType ?? "none"}";
        }

        try
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            return body.TryGetProperty("status", out var status) && status.GetInt32() == (int)response.StatusCode && body.TryGetProperty("title", out _)
                ? null
                : "no matching status and title";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>A body sent without Content-Length, so only the server's read limit can stop it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(string text)
        {
            _bytes = System.Text.Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) => await stream.WriteAsync(_bytes);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
