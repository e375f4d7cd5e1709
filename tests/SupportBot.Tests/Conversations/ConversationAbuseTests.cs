using System.Net;
using System.Net.Http.Json;
using System.Text;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>Bad input and abuse: 400 with field errors and nothing stored, 404, 403, and 429 with Retry-After.</summary>
public sealed class ConversationAbuseTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello\u0000world")]
    [InlineData("bell \u0007 character")]
    public async Task A_bad_message_is_a_400_with_a_field_error_and_stores_nothing(string text)
    {
        using var channel = stack.ApiClient(Roles.Channel);
        var conversation = await ConversationWorld.StartAsync(channel);

        using var response = await channel.PostAsJsonAsync($"/api/conversations/{conversation.Id}/messages", new CustomerMessageRequest(text), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("text", out _));
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM conversation_messages WHERE conversation_id = $1", conversation.Id));
    }

    [Fact]
    public async Task An_oversized_message_or_a_broken_body_is_a_400_never_a_500()
    {
        using var channel = stack.ApiClient(Roles.Channel);
        var conversation = await ConversationWorld.StartAsync(channel);

        using var oversized = await channel.PostAsJsonAsync($"/api/conversations/{conversation.Id}/messages", new CustomerMessageRequest(new string('a', 4_001)), Ct);
        using var broken = await channel.PostAsync($"/api/conversations/{conversation.Id}/messages", new StringContent("{\"text\": ", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Contains("4000", (await oversized.ReadJsonAsync()).GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM conversation_messages WHERE conversation_id = $1", conversation.Id));
    }

    [Theory]
    [InlineData(null, "en", "customerId")]
    [InlineData("c-1", "english please", "language")]
    [InlineData("c-\u00001", "en", "customerId")]
    public async Task A_bad_start_is_a_400_with_the_field(string? customerId, string language, string field)
    {
        using var channel = stack.ApiClient(Roles.Channel);
        var name = "bad-start-" + Guid.NewGuid().ToString("N");

        using var response = await channel.PostAsJsonAsync("/api/conversations", new StartConversationRequest(customerId, name, language), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM conversations WHERE customer_name = $1", name));
    }

    [Fact]
    public async Task Unknown_conversations_are_404_and_only_the_channel_role_opens_them()
    {
        using var channel = stack.ApiClient(Roles.Channel);
        using var integration = stack.ApiClient(Roles.Integration);
        using var agent = stack.ApiClient(Roles.Agent);
        var unknown = Guid.NewGuid();

        using var message = await channel.PostAsJsonAsync($"/api/conversations/{unknown}/messages", new CustomerMessageRequest("hello"), Ct);
        using var transcript = await agent.GetAsync($"/api/conversations/{unknown}", Ct);
        using var close = await channel.PostAsync($"/api/conversations/{unknown}/close", null, Ct);
        using var byIntegration = await integration.PostAsJsonAsync("/api/conversations", new StartConversationRequest("c-1", null, null), Ct);
        using var anonymous = await stack.ApiClient().PostAsJsonAsync("/api/conversations", new StartConversationRequest("c-1", null, null), Ct);

        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, transcript.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, close.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byIntegration.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_flooding_conversation_gets_429_with_retry_after_and_other_conversations_are_unaffected()
    {
        var world = await ConversationWorld.CreateAsync(stack);
        using var channel = stack.ApiClient(Roles.Channel);
        var flooding = await ConversationWorld.StartAsync(channel);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;

        for (var i = 0; i < 12 && rejected is null; i++)
        {
            var response = await channel.PostAsJsonAsync($"/api/conversations/{flooding.Id}/messages", new CustomerMessageRequest($"message {i} {world.Words}"), Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(rejected);
        using (rejected)
        {
            Assert.True(int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal(429, (await rejected.ReadJsonAsync()).GetProperty("status").GetInt32());
        }

        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.OK, s));
        var other = await ConversationWorld.StartAsync(channel);
        Assert.Equal(ConversationOutcomes.Answered, (await ConversationWorld.SendAsync(channel, other.Id, world.Question)).Outcome);
    }

    [Fact]
    public async Task A_channel_key_over_its_limit_gets_429_on_every_conversation()
    {
        await using var api = await ApiProcess.StartAsync(stack, new Dictionary<string, string>
        {
            ["Conversations__RateLimits__RequestsPerChannelKeyPerMinute"] = "8",
        }, Ct);
        using var channel = api.Client(Roles.Channel);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await channel.PostAsJsonAsync("/api/conversations", new StartConversationRequest($"c-{i}", null, "en"), Ct);
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }

        // A bucket of 2 (a quarter of 8 per minute) lets two through, then one per 7.5 s.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], codes.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, codes.Skip(2));
    }
}
