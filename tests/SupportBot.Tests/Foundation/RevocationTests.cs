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
        }, TimeSpan.FromSeconds(5), "the second instance refusing the revoked key");
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5));
    }
}
