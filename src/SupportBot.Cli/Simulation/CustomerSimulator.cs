using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Data.Import;

namespace SupportBot.Cli.Simulation;

/// <summary>
/// `supportbot simulate --customers`: seeded customers with one of five behaviours talk to the bot about held-out demo
/// tickets of the customer-facing categories, so the resolution rates and the Customer-facing dashboard fill on a
/// demo stack. Behaviours: satisfied (asks, closes "resolved"), asks again (repeats the question), asks for a human,
/// gives up (leaves without closing), comes back (closes, then reopens).
/// </summary>
public sealed class CustomerSimulator(Uri api, string channelKey, IReadOnlyList<TicketRecord> tickets, int seed)
{
    public static readonly string[] Behaviours = ["satisfied", "asks_again", "asks_for_human", "gives_up", "comes_back"];

    private static readonly double[] Odds = [0.4, 0.15, 0.15, 0.15, 0.15];

    private static readonly Dictionary<string, string> HumanRequests = new(StringComparer.Ordinal)
    {
        ["en"] = "I want to talk to a human",
        ["de"] = "Ich möchte mit einem Menschen sprechen",
        ["fr"] = "Je veux parler à un conseiller",
        ["es"] = "Quiero hablar con una persona",
    };

    private readonly Random _random = new(seed);

    public ConcurrentDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);
    private int _conversations;
    private int _failures;

    public int Conversations => _conversations;
    public int Failures => _failures;
    public string? LastError { get; private set; }

    /// <summary>Plays one customer; counts outcomes per behaviour ("satisfied/answered", "asks_for_human/handed_off", ...).</summary>
    public async Task PlayOneAsync(CancellationToken cancellationToken)
    {
        TicketRecord ticket;
        string behaviour;
        lock (_random)
        {
            ticket = tickets[_random.Next(tickets.Count)];
            var roll = _random.NextDouble();
            var index = 0;
            for (var cumulative = Odds[0]; roll > cumulative && index < Odds.Length - 1; cumulative += Odds[++index])
            {
            }

            behaviour = Behaviours[index];
        }

        using var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, channelKey);
        try
        {
            using var start = await client.PostAsJsonAsync("/api/conversations",
                new StartConversationRequest($"sim-{Guid.NewGuid():N}"[..16], ticket.CustomerName, ticket.Language), cancellationToken);
            await EnsureAsync(start, cancellationToken);
            var id = (await start.Content.ReadFromJsonAsync<ConversationView>(cancellationToken))!.Id;
            Interlocked.Increment(ref _conversations);
            var question = $"{ticket.Subject}. {ticket.Body}";
            var first = await SendAsync(client, id, question, cancellationToken);
            Count(behaviour, first.Outcome);
            if (first.Outcome != ConversationOutcomes.Answered)
            {
                return;
            }

            switch (behaviour)
            {
                case "satisfied":
                    await PostAsync(client, $"/api/conversations/{id}/close", new CloseConversationRequest(true), cancellationToken);
                    break;
                case "asks_again":
                    Count(behaviour, (await SendAsync(client, id, $"Sorry, I still don't get it. {question}", cancellationToken)).Outcome);
                    break;
                case "asks_for_human":
                    Count(behaviour, (await SendAsync(client, id, HumanRequests.GetValueOrDefault(ticket.Language[..Math.Min(2, ticket.Language.Length)]) ?? HumanRequests["en"], cancellationToken)).Outcome);
                    break;
                case "comes_back":
                    await PostAsync(client, $"/api/conversations/{id}/close", new CloseConversationRequest(null), cancellationToken);
                    await PostAsync(client, $"/api/conversations/{id}/reopen", null, cancellationToken);
                    await PostAsync(client, $"/api/conversations/{id}/close", new CloseConversationRequest(false), cancellationToken);
                    break;
                default:
                    // Gives up: leaves without a word; abandoned once the abandon time passes if the bot had asked something.
                    break;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            LastError = ex.Message;
        }
    }

    private void Count(string behaviour, string outcome) => Outcomes.AddOrUpdate($"{behaviour}/{outcome}", 1, (_, n) => n + 1);

    private static async Task<CustomerMessageResponse> SendAsync(HttpClient client, Guid id, string text, CancellationToken cancellationToken)
    {
        // A chat message, not a ticket export: the API refuses more than 4,000 characters.
        using var response = await client.PostAsJsonAsync($"/api/conversations/{id}/messages", new CustomerMessageRequest(text.Length > 3_900 ? text[..3_900] : text), cancellationToken);
        await EnsureAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CustomerMessageResponse>(cancellationToken))!;
    }

    private static async Task PostAsync(HttpClient client, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = body is null ? await client.PostAsync(path, null, cancellationToken) : await client.PostAsJsonAsync(path, body, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.ReasonPhrase}: {detail[..Math.Min(200, detail.Length)]}"),
                null, response.StatusCode == HttpStatusCode.TooManyRequests ? HttpStatusCode.TooManyRequests : response.StatusCode);
        }
    }
}
