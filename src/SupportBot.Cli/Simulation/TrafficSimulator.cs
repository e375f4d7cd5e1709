using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Data.Import;

namespace SupportBot.Cli.Simulation;

/// <param name="Rate">Tickets per minute.</param>
/// <param name="Duration">Stop starting tickets after this long; null runs until cancelled (or <paramref name="Count"/>).</param>
/// <param name="Count">Stop after this many tickets; null for no limit.</param>
/// <param name="Category">Post every ticket in this category instead of its own (to watch one gate).</param>
/// <param name="ReplyDelay">How long the simulated agent takes before sending a reply.</param>
public sealed record SimulationOptions(double Rate, TimeSpan? Duration, int? Count, int Seed, string? Category, TimeSpan ReplyDelay)
{
    public const int MaxInFlight = 32;
}

/// <summary>
/// Replays held-out historical tickets through the public API as the ticketing system and the
/// support team would: POST /api/tickets, then after a delay the sent reply (unchanged, lightly
/// edited or rewritten, by per-category odds) and sometimes thumbs, through the signals API.
/// Every decision comes from one seeded Random in start order, so a seed replays the same traffic.
/// </summary>
public sealed class TrafficSimulator(ApiConnection api, IReadOnlyList<TicketRecord> tickets, SimulationOptions options)
{
    private static readonly string[] AgentIds = ["sim-agent-1", "sim-agent-2", "sim-agent-3", "sim-agent-4", "sim-agent-5"];

    /// <summary>A flow's decisions, drawn when it starts.</summary>
    private sealed record Plan(int Index, TicketRecord Ticket, string? Category, ReplyKind Kind, bool GivesThumb, int Seed, string AgentId);

    public SimulationTally Tally { get; } = new();

    /// <param name="stopping">Stops starting new tickets; flows already started finish (within <paramref name="grace"/>).</param>
    public async Task RunAsync(TimeSpan grace, CancellationToken stopping)
    {
        if (tickets.Count == 0)
        {
            throw new CliException("no held-out tickets to replay in the tickets file");
        }

        using var integration = api.Client(api.IntegrationKey);
        using var agent = api.Client(api.AgentKey);
        using var abandon = new CancellationTokenSource();
        using var slots = new SemaphoreSlim(SimulationOptions.MaxInFlight);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, tickets.Count).ToArray();
        random.Shuffle(order);
        var run = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var flows = new List<Task>();
        var interval = TimeSpan.FromMinutes(1 / options.Rate);
        var started = DateTime.UtcNow;

        try
        {
            for (var index = 0; options.Count is null || index < options.Count; index++)
            {
                var due = started + interval * index;
                if (options.Duration is { } duration && due - started >= duration)
                {
                    break;
                }

                if (due > DateTime.UtcNow)
                {
                    await Task.Delay(due - DateTime.UtcNow, stopping);
                }

                await slots.WaitAsync(stopping);
                if (index % 256 == 0)
                {
                    // A run can last hours: keep only the flows still going.
                    flows.RemoveAll(f => f.IsCompleted);
                }

                var ticket = tickets[order[index % order.Length]];
                var category = options.Category ?? ticket.Category ?? "uncategorized";
                var profile = CategoryProfiles.For(category);
                var kind = ReplyEdits.Pick(profile, random);
                var plan = new Plan(index, ticket, options.Category ?? ticket.Category, kind, random.NextDouble() < profile.FeedbackRate, random.Next(), AgentIds[random.Next(AgentIds.Length)]);
                var externalId = $"sim-{run}-{options.Seed}-{index}-{ticket.ExternalId}";
                flows.Add(Task.Run(async () =>
                {
                    try
                    {
                        await FlowAsync(integration, agent, plan, externalId, abandon.Token);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        abandon.CancelAfter(grace);
        await Task.WhenAll(flows);
    }

    private async Task FlowAsync(HttpClient integration, HttpClient agent, Plan plan, string externalId, CancellationToken cancellationToken)
    {
        try
        {
            var ticket = plan.Ticket;
            using var created = await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest(
                externalId, ticket.Subject, ticket.Body, plan.Category, ticket.Language, ticket.CustomerName, ticket.Tags, ticket.Priority), cancellationToken);
            await EnsureAsync(created, "POST /api/tickets", cancellationToken);
            var draft = (await created.Content.ReadFromJsonAsync<TicketDraftResponse>(cancellationToken))!;
            Tally.RecordTicket();

            await Task.Delay(options.ReplyDelay, cancellationToken);
            // A handoff draft is not an answer: the team writes its own, as it did back then.
            var kind = draft.Handoff ? ReplyKind.Rewrite : plan.Kind;
            var random = new Random(plan.Seed);
            var text = ReplyEdits.Reply(kind, draft.Text, ticket.Answer, random);
            using var sent = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/sent",
                new SentReplyRequest(text, plan.AgentId, DateTimeOffset.UtcNow), cancellationToken);
            await EnsureAsync(sent, "POST /api/drafts/{id}/sent", cancellationToken);
            Tally.RecordSent(draft.Category, kind);

            if (plan.GivesThumb)
            {
                var up = ReplyEdits.ThumbsUp(kind, CategoryProfiles.For(draft.Category), random);
                using var feedback = await agent.PostAsJsonAsync($"/api/drafts/{draft.DraftId}/feedback",
                    new DraftFeedbackRequest(up ? Thumbs.Up : Thumbs.Down, up ? null : "needed changes (simulated)", plan.AgentId), cancellationToken);
                await EnsureAsync(feedback, "POST /api/drafts/{id}/feedback", cancellationToken);
                Tally.RecordThumb(draft.Category, up);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Tally.RecordFailure("stopped before the flow finished");
        }
        catch (Exception ex) when (ex is HttpRequestException or SimulationRequestException or TaskCanceledException)
        {
            Tally.RecordFailure(ex.Message);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var hint = response.StatusCode == HttpStatusCode.NotFound && what.Contains("drafts", StringComparison.Ordinal) ? " (does this API have the signals endpoints?)" : "";
        throw new SimulationRequestException($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}{hint} {Trim(body)}");
    }

    private static string Trim(string body) => body.Length <= 200 ? body : body[..200] + "...";
}

public sealed class SimulationRequestException(string message) : Exception(message);
