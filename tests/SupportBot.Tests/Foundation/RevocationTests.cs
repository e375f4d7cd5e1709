using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>A key revoked through one API instance stops working on every instance at once, not after their caches expire.</summary>
public sealed class RevocationTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_by_a_second_api_instance()
    {
        await using var second = await ApiProcess.StartAsync(stack, new Dictionary<string, string>(), Ct);
        using var admin = stack.ApiClient(Roles.Admin);
        using var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest("revoke-" + Guid.NewGuid().ToString("N")[..8], Roles.Agent), Ct);
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>(Ct))!;
        using var onSecond = second.Client(Roles.Agent);
        onSecond.DefaultRequestHeaders.Remove(ApiKeyHeader.Name);
        onSecond.DefaultRequestHeaders.Add(ApiKeyHeader.Name, key.Key);

        // Now cached by the second instance for 30 s.
        using (var before = await onSecond.GetAsync("/api/me", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoked = await admin.DeleteAsync($"/api/admin/api-keys/{key.Id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var started = DateTimeOffset.UtcNow;
        await Eventually.ValueAsync(async () =>
        {
            using var response = await onSecond.GetAsync("/api/me", Ct);
            return response.StatusCode == HttpStatusCode.Unauthorized ? "refused" : null;
        }, TimeSpan.FromSeconds(15), "the second instance refusing the revoked key");
        // Well inside the 30 s the instances cache a key for: the announcement, not the cache expiry.
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_key_revoked_from_the_cli_is_refused_at_once_when_redis_is_given()
    {
        var name = "clirevoke-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = stack.ApiClient(Roles.Admin);
        using var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest(name, Roles.Agent), Ct);
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>(Ct))!;
        using var client = new HttpClient { BaseAddress = new Uri(stack.Api.Url) };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, key.Key);

        // Now cached by the API for 30 s.
        using (var before = await client.GetAsync("/api/me", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var revoke = await stack.CliWithDatabaseAsync("keys", "revoke", name, "--redis", stack.Redis.ConnectionString);
        Assert.Equal(0, revoke.ExitCode);
        Assert.Matches(@"^revoked '[^']+'; announced to [1-9][0-9]* API instance\(s\)", revoke.Output.Trim());

        var started = DateTimeOffset.UtcNow;
        await Eventually.ValueAsync(async () =>
        {
            using var response = await client.GetAsync("/api/me", Ct);
            return response.StatusCode == HttpStatusCode.Unauthorized ? "refused" : null;
        }, TimeSpan.FromSeconds(15), "the API refusing the key revoked from the CLI");
        // Well inside the 30 s the instances cache a key for: the announcement, not the cache expiry.
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(15));

        // Without a reachable Redis the revocation is still committed, and the CLI says when it takes effect.
        var other = "clirevoke-" + Guid.NewGuid().ToString("N")[..8];
        using (var second = await admin.PostAsJsonAsync("/api/admin/api-keys", new CreateApiKeyRequest(other, Roles.Agent), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        var unannounced = await stack.CliWithDatabaseAsync("keys", "revoke", other, "--redis", "localhost:1");
        Assert.Equal(0, unannounced.ExitCode);
        Assert.Contains("refuse it within 30 s (could not announce it on Redis", unannounced.Output, StringComparison.Ordinal);
        var listed = await stack.CliWithDatabaseAsync("keys", "list");
        Assert.Matches($@"(?m)^{other}\s+agent\s+created \S+\s+revoked ", listed.Output);
    }
}
