using System.Net;
using System.Net.Http.Json;
using System.Text;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

public sealed class AuthTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Missing_key_is_401_problem_details_with_challenge()
    {
        using var http = stack.ApiClient();

        using var response = await http.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
        var problem = await response.ReadJsonAsync();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains(ApiKeyHeader.Name, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_key_is_401()
    {
        using var http = stack.ApiClient();
        http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, ApiKeyMaterial.Generate());

        using var response = await http.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Roles.Integration)]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Manager)]
    public async Task Non_admin_roles_get_403_problem_details_on_admin_endpoints(string role)
    {
        using var http = stack.ApiClient(role);

        using var response = await http.GetAsync("/api/admin/api-keys", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Contains(role, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(Roles.Integration)]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Admin)]
    public async Task Each_dev_key_authenticates_with_its_role(string role)
    {
        using var http = stack.ApiClient(role);

        var me = await http.GetFromJsonAsync<CallerIdentity>("/api/me", Ct);

        Assert.Equal(role, me!.Role);
        Assert.Equal($"dev-{role}", me.KeyName);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task Infrastructure_endpoints_stay_open(string path)
    {
        using var http = stack.ApiClient();

        using var response = await http.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Admin_creates_a_key_that_works_stores_only_its_hash_and_can_revoke_it()
    {
        using var admin = stack.ApiClient(Roles.Admin);
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];

        using var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest(name, Roles.Agent), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>(Ct))!;

        using var caller = stack.ApiClient();
        caller.DefaultRequestHeaders.Add(ApiKeyHeader.Name, key.Key);
        var me = await caller.GetFromJsonAsync<CallerIdentity>("/api/me", Ct);
        Assert.Equal(new CallerIdentity(name, Roles.Agent), me);

        var stored = await StoredHashAsync(name);
        Assert.Equal(ApiKeyMaterial.Hash(key.Key), stored);
        Assert.DoesNotContain(key.Key, stored);

        using var revoked = await admin.DeleteAsync($"/api/admin/api-keys/{key.Id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var afterRevoke = await caller.GetAsync("/api/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task Creating_a_key_with_bad_fields_is_400_with_field_errors_and_writes_nothing()
    {
        using var admin = stack.ApiClient(Roles.Admin);
        var before = await CountKeysAsync();

        using var response = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest(" ", "superuser"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("role", out _));
        Assert.Equal(before, await CountKeysAsync());
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_details()
    {
        using var admin = stack.ApiClient(Roles.Admin);

        using var response = await admin.PostAsync(
            "/api/admin/api-keys", new StringContent("{\"name\": \"x\", ", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Duplicate_key_name_is_409()
    {
        using var admin = stack.ApiClient(Roles.Admin);

        using var response = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest("dev-agent", Roles.Agent), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private Task<string> StoredHashAsync(string name) =>
        stack.ScalarAsync<string>("SELECT key_hash FROM api_keys WHERE name = $1", name);

    private Task<long> CountKeysAsync() => stack.ScalarAsync<long>("SELECT count(*) FROM api_keys");
}
