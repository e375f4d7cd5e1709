using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data.Entities;
using SupportBot.Data.Models;
using SupportBot.Drafting.Pipeline;
using SupportBot.Monitors;
using SupportBot.Monitors.Checking;

namespace SupportBot.Models.Shadow;

/// <summary>
/// Shadow mode's drafting half (worker). Each poll claims sampled live tickets whose production draft has no shadow
/// draft of the candidate yet — a row inserted with ON CONFLICT (ticket_id, candidate) DO NOTHING is the claim, so
/// two workers, a restart or a repeated poll never make a second shadow draft — and drafts them through the one
/// drafting pipeline with the candidate's model configuration and the production draft's prompt version (as a
/// comparison's candidate run does). The input carries no ticket id, so the pipeline writes a trace but no
/// <c>drafts</c> row: nothing the API shows or sends can include a shadow draft. Both drafts then go through the
/// monitors (dry run, nothing stored as a flag), so the flag rates compare like with like.
/// </summary>
public sealed partial class ShadowDrafter(
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    MonitorSuite monitors,
    ShadowMetrics metrics,
    IOptions<ShadowOptions> options,
    TimeProvider clock,
    ILogger<ShadowDrafter> logger)
{
    public const string TraceName = "shadow-draft";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Claim(Guid Id, Guid ProductionDraftId, DateTimeOffset ClaimedAt);

    /// <summary>Claims and drafts one batch; returns how many shadow drafts were attempted (0 = nothing to do).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return 0;
        }

        var candidate = settings.Candidate!.Trim();
        var claims = await ReclaimAsync(candidate, settings, cancellationToken);
        if (claims.Count < settings.BatchSize)
        {
            claims.AddRange(await ClaimNewAsync(candidate, settings, settings.BatchSize - claims.Count, cancellationToken));
        }

        foreach (var claim in claims)
        {
            await DraftAsync(candidate, claim, cancellationToken);
        }

        return claims.Count;
    }

    private async Task<List<Claim>> ClaimNewAsync(string candidate, ShadowOptions settings, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = new List<(Guid DraftId, Guid TicketId, string Category, string Prompt, int Version)>();
        // The ticket's first draft is production's answer to it; later drafts of the same ticket are re-drafts.
        await using (var select = dataSource.CreateCommand(
            $"""
            SELECT d.id, d.ticket_id, d.category, d.prompt_name, d.prompt_version
            FROM drafts d JOIN tickets t ON t.id = d.ticket_id
            WHERE t.source = '{TicketSources.Live}' AND d.created_at > $1
              AND {ShadowSampling.BucketSql("t.id", "$2")} < $3
              AND NOT EXISTS (SELECT 1 FROM drafts e WHERE e.ticket_id = d.ticket_id AND e.created_at < d.created_at)
              AND NOT EXISTS (SELECT 1 FROM shadow_drafts s WHERE s.ticket_id = d.ticket_id AND s.candidate = $2)
            ORDER BY d.created_at
            LIMIT $4
            """))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = now - settings.Lookback });
            select.Parameters.Add(new NpgsqlParameter { Value = candidate });
            select.Parameters.Add(new NpgsqlParameter { Value = ShadowSampling.Threshold(settings.SampleRate) });
            select.Parameters.Add(new NpgsqlParameter { Value = limit });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
            }
        }

        var claims = new List<Claim>(found.Count);
        foreach (var (draftId, ticketId, category, prompt, version) in found)
        {
            var id = Guid.CreateVersion7();
            await using var insert = dataSource.CreateCommand(
                """
                INSERT INTO shadow_drafts (id, ticket_id, candidate, production_draft_id, category, status, attempts, claimed_at,
                                           prompt_name, prompt_version, handoff, flags, production_flags)
                VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, false, '{}', '{}')
                ON CONFLICT (ticket_id, candidate) DO NOTHING
                """);
            foreach (var value in new object[] { id, ticketId, candidate, draftId, category, ShadowDraftStatuses.Drafting, now, prompt, version })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                claims.Add(new Claim(id, draftId, now));
            }
        }

        return claims;
    }

    /// <summary>A crashed worker's claims (past the lease) and failed attempts past the retry delay, while attempts remain.</summary>
    private async Task<List<Claim>> ReclaimAsync(string candidate, ShadowOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE shadow_drafts SET status = '{ShadowDraftStatuses.Drafting}', claimed_at = $2, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM shadow_drafts
                WHERE candidate = $1 AND attempts < $3
                  AND ((status = '{ShadowDraftStatuses.Drafting}' AND claimed_at < $4) OR (status = '{ShadowDraftStatuses.Failed}' AND claimed_at < $5))
                ORDER BY claimed_at LIMIT $6
                FOR UPDATE SKIP LOCKED)
            RETURNING id, production_draft_id
            """);
        foreach (var value in new object[] { candidate, now, settings.MaxAttempts, now - settings.LeaseTime, now - settings.RetryDelay, settings.BatchSize })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var claims = new List<Claim>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claims.Add(new Claim(reader.GetGuid(0), reader.GetGuid(1), now));
        }

        return claims;
    }

    private async Task DraftAsync(string candidate, Claim claim, CancellationToken cancellationToken)
    {
        try
        {
            var production = await ProductionAsync(claim.ProductionDraftId, cancellationToken);
            if (production is null)
            {
                // The ticket or its draft was deleted since the claim (the row cascades with it): nothing to draft.
                return;
            }

            var started = Stopwatch.GetTimestamp();
            DraftResult result;
            // Its own unit of work: a new trace, not a child of whatever the worker was doing.
            var parent = Activity.Current;
            Activity.Current = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pipeline = scope.ServiceProvider.GetRequiredService<DraftingPipeline>();
                result = await pipeline.DraftAsync(
                    new DraftInput(production.Subject, production.Body, production.Language, production.GivenCategory, production.CustomerName),
                    new DraftOptions(production.PromptName, PromptVersion: production.PromptVersion) { TraceName = TraceName, ModelConfiguration = candidate },
                    cancellationToken);
            }
            finally
            {
                Activity.Current = parent;
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var customerMessage = $"{production.Subject}\n{production.Body}".Trim();
            var shadowFlags = await FlagsAsync(production, customerMessage, result.Text,
                [.. result.Citations.Select(c => new CitedArticleRef(c.Slug, c.Version))], cancellationToken);
            var productionFlags = await FlagsAsync(production, customerMessage, production.Text, production.Citations, cancellationToken);

            await using var update = dataSource.CreateCommand(
                $"""
                UPDATE shadow_drafts SET status = '{ShadowDraftStatuses.Drafted}', error = NULL, trace_id = $3, text = $4, shadow_category = $5,
                       handoff = $6, model = $7, latency_ms = $8, production_latency_ms = $9, input_tokens = $10, output_tokens = $11,
                       flags = $12, production_flags = $13, drafted_at = $14
                WHERE id = $1 AND status = '{ShadowDraftStatuses.Drafting}' AND claimed_at = $2
                """);
            foreach (var value in new object?[]
                     {
                         claim.Id, claim.ClaimedAt, result.TraceId, result.Text, result.Category.Category, result.Handoff, Truncate(result.Model, 200),
                         result.DurationMs, production.LatencyMs, result.Usage.InputTokens, result.Usage.OutputTokens, shadowFlags, productionFlags,
                         clock.GetUtcNow(),
                     })
            {
                update.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            // 0 rows: the lease ran out and another worker took the claim over; its result counts, not this one.
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                metrics.Drafted(production.Category, candidate, seconds);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Failed(candidate);
            // The type only: an exception message may quote the ticket.
            LogShadowFailed(logger, ex.GetType().Name, claim.Id, candidate);
            await using var failed = dataSource.CreateCommand(
                $"UPDATE shadow_drafts SET status = '{ShadowDraftStatuses.Failed}', error = $3 WHERE id = $1 AND status = '{ShadowDraftStatuses.Drafting}' AND claimed_at = $2");
            failed.Parameters.Add(new NpgsqlParameter { Value = claim.Id });
            failed.Parameters.Add(new NpgsqlParameter { Value = claim.ClaimedAt });
            failed.Parameters.Add(new NpgsqlParameter { Value = Truncate(ex.GetType().FullName ?? ex.GetType().Name, 200) });
            await failed.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private sealed record ProductionDraft(
        string Subject, string Body, string Language, string? GivenCategory, string? CustomerName, string Category, string Text,
        List<CitedArticleRef> Citations, string PromptName, int PromptVersion, double? LatencyMs);

    private async Task<ProductionDraft?> ProductionAsync(Guid draftId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT t.subject, t.body, t.language, t.category, t.customer_name, d.category, d.text, d.citations::text, d.prompt_name, d.prompt_version, tr.duration_ms
            FROM drafts d JOIN tickets t ON t.id = d.ticket_id LEFT JOIN traces tr ON tr.id = d.trace_id
            WHERE d.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = draftId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ProductionDraft(
            reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), Citations(reader.GetString(7)),
            reader.GetString(8), reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetDouble(10));
    }

    /// <summary>The monitors that flagged this text, each once; nothing is written (a dry run, like POST /api/monitors/check).</summary>
    private async Task<string[]> FlagsAsync(ProductionDraft ticket, string customerMessage, string reply, IReadOnlyList<CitedArticleRef> cited, CancellationToken cancellationToken)
    {
        var check = await monitors.CheckAsync(
            new ReplyToCheck(customerMessage, reply, ticket.Category, string.IsNullOrWhiteSpace(ticket.Language) ? "en" : ticket.Language, ticket.CustomerName, [], cited),
            cancellationToken);
        return [.. check.Flags.Select(f => f.Monitor).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static List<CitedArticleRef> Citations(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<CitedArticleRef>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shadow draft {ShadowId} by {Candidate} failed ({ExceptionType}); retried until the attempt limit")]
    private static partial void LogShadowFailed(ILogger logger, string exceptionType, Guid shadowId, string candidate);
}
