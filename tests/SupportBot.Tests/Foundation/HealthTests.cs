using System.Net;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

public sealed class HealthTests(StackFixture stack)
{
    [Theory]
    [InlineData("api")]
    [InlineData("evalworker")]
    public async Task Health_is_Healthy_with_real_postgres_redis_and_current_schema(string service)
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.ServiceUrl(service)) };

        using var response = await http.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["PostgreSql"]);
        Assert.Equal("Healthy", checks["StackExchange.Redis"]);
        Assert.Equal("Healthy", checks["migrations"]);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("evalworker")]
    public async Task Alive_runs_only_liveness_checks(string service)
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.ServiceUrl(service)) };

        var report = await (await http.GetAsync("/alive", TestContext.Current.CancellationToken)).ReadJsonAsync();

        var names = report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["self"], names);
    }

    [Theory]
    [InlineData("api", "/api/me")]
    [InlineData("evalworker", "/status")]
    public async Task OpenApi_document_is_served_and_lists_the_endpoints(string service, string expectedPath)
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.ServiceUrl(service)) };

        using var response = await http.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty(expectedPath, out _), $"{expectedPath} missing from the OpenAPI document");
    }

    [Fact]
    public async Task Metrics_endpoint_is_open_and_in_prometheus_format()
    {
        using var http = stack.ApiClient();

        var body = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", body);
        Assert.Contains("service_name=\"api\"", body);
    }
}
