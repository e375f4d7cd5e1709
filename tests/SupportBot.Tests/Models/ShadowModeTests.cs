using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Models.Shadow;
using SupportBot.Signals.Edits;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Models;

/// <summary>
/// Shadow mode on the real stack: a worker process of this test with a shadow candidate (the embedded drafter with
/// full-text retrieval) next to the fixture's API and worker. Live tickets posted through the API are shadow-drafted
/// exactly when Postgres' sampling hash says so, the API's responses never show a shadow draft, and the reply the
/// team sends scores the shadow draft with the production edit distance; the report, the CLI and the metrics show it.
/// </summary>
public sealed class ShadowModeTests(StackFixture stack)
{
    private const string Candidate = "embedded-fulltext";
    private const double SampleRate = 0.5;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sampled_live_tickets_get_one_hidden_shadow_draft_each_and_a_sent_reply_scores_it()
    {
        var marker = "shadow" + Guid.NewGuid().ToString("N")[..10];
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using var worker = await WorkerProcess.StartAsync(stack, new Dictionary<string, string>
        {
            // The process runs outside its project folder (no appsettings.json): the candidate is configured here.
            [$"Models__Candidates__{Candidate}__Provider"] = "embedded",
            [$"Models__Candidates__{Candidate}__Retrieval"] = "fulltext",
            ["Models__Shadow__Candidate"] = Candidate,
            ["Models__Shadow__SampleRate"] = SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Models__Shadow__PollInterval"] = "00:00:00.500",
            // Only what this test posts (and what other tests post meanwhile): not the last hour of the shared database.
            ["Models__Shadow__Lookback"] = "00:02:00",
            // Everything else is the fixture worker's job: this process only shadows.
            ["Experiments__Pool"] = marker,
            ["Signals__ConsumerEnabled"] = "false",
            ["Monitors__ConsumerEnabled"] = "false",
            ["Embeddings__Backfill__Enabled"] = "false",
        }, Ct);

        using var integration = stack.ApiClient(Roles.Integration);
        using var agent = stack.ApiClient(Roles.Agent);
        var tickets = new List<(TicketDraftResponse Ticket, bool Sampled)>();
        string[] questions = ["How do I export my tasks to CSV?", "I was charged twice for my subscription this month", "How can I invite a teammate to my workspace?"];
        // Post until both a sampled and an unsampled ticket exist (each ticket is one coin flip of the hash).
        for (var i = 0; i < 24 && (tickets.Count < 6 || tickets.All(t => t.Sampled) || tickets.All(t => !t.Sampled)); i++)
        {
            using var posted = await integration.PostAsJsonAsync("/api/tickets",
                new CreateTicketRequest($"{marker}-{i}", questions[i % questions.Length], $"{questions[i % questions.Length]} (ticket {i}) Thanks, Ana", CustomerName: "Ana Lima"), Ct);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            var ticket = (await posted.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!;
            var sampled = await stack.ScalarAsync<bool>($"SELECT {ShadowSampling.BucketSql("$1::uuid", "$2")} < $3", ticket.TicketId, Candidate, ShadowSampling.Threshold(SampleRate));
            tickets.Add((ticket, sampled));
        }

        var sampledTickets = tickets.Where(t => t.Sampled).Select(t => t.Ticket).ToList();
        Assert.NotEmpty(sampledTickets);
        Assert.Contains(tickets, t => !t.Sampled);

        // Every sampled ticket gets its shadow draft, paired with its production draft.
        await Eventually.ValueAsync(async () =>
            await stack.ScalarAsync<long>(
                "SELECT count(*) FROM shadow_drafts WHERE candidate = $1 AND status = 'drafted' AND ticket_id = ANY($2)",
                Candidate, sampledTickets.Select(t => t.TicketId).ToArray()) == sampledTickets.Count ? "done" : null,
            TimeSpan.FromMinutes(3), "shadow drafts of the sampled tickets");
        foreach (var (ticket, sampled) in tickets)
        {
            Assert.Equal(sampled ? 1L : 0L, await stack.ScalarAsync<long>("SELECT count(*) FROM shadow_drafts WHERE ticket_id = $1", ticket.TicketId));
        }

        Assert.Equal((long)sampledTickets.Count, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM shadow_drafts s JOIN drafts d ON d.id = s.production_draft_id WHERE d.ticket_id = s.ticket_id AND s.ticket_id = ANY($1) AND s.trace_id IS NOT NULL AND s.latency_ms > 0 AND s.prompt_version = d.prompt_version",
            sampledTickets.Select(t => t.TicketId).ToArray()));

        // The unique key: a second claim of the same ticket and candidate (another worker, a repeat) cannot insert.
        var first = sampledTickets[0];
        var duplicate = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => stack.ExecuteAsync(
            "INSERT INTO shadow_drafts (id, ticket_id, candidate, production_draft_id, category, status, attempts, claimed_at, prompt_name, prompt_version, handoff, flags, production_flags) " +
            "VALUES (gen_random_uuid(), $1, $2, $3, 'x', 'drafting', 1, now(), 'support-reply', 1, false, '{}', '{}')", first.TicketId, Candidate, first.DraftId));
        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, duplicate.SqlState);

        // Never shown: the ticket's drafts, its latest draft and a repeated post are all the production draft.
        var drafts = await agent.GetFromJsonAsync<Page<DraftSummary>>($"/api/drafts?externalId={first.ExternalId}", Ct);
        Assert.Equal([first.DraftId], drafts!.Items.Select(d => d.Id));
        var listed = await agent.GetFromJsonAsync<Page<TicketSummary>>($"/api/tickets?externalId={first.ExternalId}", Ct);
        Assert.Equal(first.DraftId, listed!.Items.Single().LatestDraftId);
        using (var again = await integration.PostAsJsonAsync("/api/tickets", new CreateTicketRequest(first.ExternalId, "again", "again"), Ct))
        {
            Assert.Equal(first.DraftId, (await again.Content.ReadFromJsonAsync<TicketDraftResponse>(Ct))!.DraftId);
        }

        // The team sends its own reply: the fixture's worker records it, this worker scores the shadow draft against it.
        var sentText = "Hi Ana, thanks for asking. " + first.Text + " Let us know if anything else comes up.";
        using (var sent = await agent.PostAsJsonAsync($"/api/drafts/{first.DraftId}/sent", new SentReplyRequest(sentText, "agent-7", null), Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        await Eventually.ValueAsync(async () =>
            await stack.ScalarAsync<long>("SELECT count(*) FROM shadow_drafts WHERE ticket_id = $1 AND scored_at IS NOT NULL", first.TicketId) == 1 ? "scored" : null,
            TimeSpan.FromMinutes(3), "the shadow draft scored against the sent reply");
        var shadowText = await stack.ScalarAsync<string>("SELECT text FROM shadow_drafts WHERE ticket_id = $1", first.TicketId);
        Assert.Equal(EditDistance.Words(shadowText, sentText), await stack.ScalarAsync<double>("SELECT edit_distance FROM shadow_drafts WHERE ticket_id = $1", first.TicketId), 9);
        Assert.Equal(
            await stack.ScalarAsync<double>("SELECT word_edit_distance FROM draft_outcomes WHERE draft_id = $1", first.DraftId),
            await stack.ScalarAsync<double>("SELECT production_edit_distance FROM shadow_drafts WHERE ticket_id = $1", first.TicketId), 9);
        Assert.Equal(EditDistance.Words(first.Text, sentText),
            await stack.ScalarAsync<double>("SELECT production_edit_distance FROM shadow_drafts WHERE ticket_id = $1", first.TicketId), 9);

        // The report: production against the candidate on the same tickets, per category, paired intervals.
        var report = await agent.GetFromJsonAsync<ShadowReportView>($"/api/models/shadow/{Candidate}?since={Uri.EscapeDataString(since.ToString("O"))}", Ct);
        Assert.NotNull(report);
        Assert.True(report.Drafted >= sampledTickets.Count, $"{report.Drafted} drafted");
        Assert.True(report.Scored >= 1);
        var editDistance = report.Deltas.Single(d => d.Metric == ShadowReporter.EditDistanceMetric && d.Category is null);
        Assert.Equal(report.Scored, editDistance.Pairs);
        Assert.Contains(report.Deltas, d => d.Metric == ShadowReporter.FlaggedMetric && d.Category is null && d.Pairs == report.Drafted);
        Assert.Contains(report.Deltas, d => d.Metric == ShadowReporter.LatencyMetric && d.Category is not null);
        Assert.Equal(report.Drafted, report.Categories.Sum(c => c.Drafted));
        Assert.NotNull(report.Overall.Shadow.MeanEditDistance);
        Assert.NotNull(report.Overall.Production.LatencyP50Ms);
        var all = await agent.GetFromJsonAsync<ShadowReportsView>("/api/models/shadow", Ct);
        Assert.Contains(all!.Candidates, c => c.Candidate == Candidate && c.Drafted >= report.Drafted);
        using (var unknown = await agent.GetAsync("/api/models/shadow/no-such-model", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // The CLI: human-readable and --json, and a clear error for an unknown candidate.
        var text = await stack.CliWithApiAsync(Roles.Manager, "model", "shadow", "--candidate", Candidate, "--since", since.ToString("O"));
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains($"shadow candidate {Candidate}", text.Output);
        Assert.Contains("edit_distance", text.Output);
        var json = await stack.CliWithApiAsync(Roles.Manager, "model", "shadow", "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        Assert.Contains(JsonDocument.Parse(json.Output).RootElement.GetProperty("candidates").EnumerateArray(),
            c => c.GetProperty("candidate").GetString() == Candidate);
        var bad = await stack.CliWithApiAsync(Roles.Manager, "model", "shadow", "--candidate", "no-such-model");
        Assert.Equal(1, bad.ExitCode);
        Assert.Single(bad.Error.Trim().Split('\n'));

        // Metrics of this worker, labelled by category and candidate; no ticket text in its log.
        using var http = new HttpClient { BaseAddress = new Uri(worker.Url) };
        var metrics = await Eventually.ValueAsync(async () =>
        {
            var scrape = await http.GetStringAsync("/metrics", Ct);
            return scrape.Contains("supportbot_shadow_scored_total{", StringComparison.Ordinal) ? scrape : null;
        }, TimeSpan.FromSeconds(30), "shadow metrics");
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("supportbot_shadow_drafts_total{", StringComparison.Ordinal) && l.Contains($"candidate=\"{Candidate}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Shadow_options_are_validated_at_start()
    {
        var models = Microsoft.Extensions.Options.Options.Create(new SupportBot.Drafting.Models.ModelsOptions
        {
            Candidates = { [Candidate] = new SupportBot.Drafting.Models.ModelDefinition() },
        });
        var validator = new ShadowOptionsValidator(models);
        Assert.True(validator.Validate(null, new ShadowOptions()).Succeeded);
        Assert.True(validator.Validate(null, new ShadowOptions { Candidate = Candidate, SampleRate = 1 }).Succeeded);
        Assert.True(validator.Validate(null, new ShadowOptions { Candidate = "default", SampleRate = 0 }).Succeeded);
        var unknown = validator.Validate(null, new ShadowOptions { Candidate = "gpt-nine" });
        Assert.True(unknown.Failed);
        Assert.Contains("'gpt-nine' is not a model configuration; configured: default, embedded-fulltext", unknown.FailureMessage);
        Assert.Contains("SampleRate must be between 0 and 1", validator.Validate(null, new ShadowOptions { Candidate = Candidate, SampleRate = 1.5 }).FailureMessage);
        Assert.True(validator.Validate(null, new ShadowOptions { SampleRate = double.NaN }).Failed);
        Assert.True(validator.Validate(null, new ShadowOptions { Candidate = Candidate, BatchSize = 0 }).Failed);
    }
}
