using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace SupportBot.Data.Alerts;

/// <summary>An alert event as received, before it is stored.</summary>
public sealed record AlertEventInput(
    string Fingerprint, string Status, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string? GeneratorUrl);

/// <summary>Which alert events to list: all filters optional and combined with AND; newest first.</summary>
public sealed record AlertEventQuery(string? Status, string? AlertName, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? Since, int Page, int PageSize);

/// <summary>
/// Stores Alertmanager's alert events idempotently (a repeated notification stores nothing new) and
/// hands each newly stored event to every <see cref="IAlertEventHandler"/>.
/// </summary>
public sealed partial class AlertStore(
    NpgsqlDataSource dataSource, SupportBotDbContext db, IServiceProvider services, TimeProvider time, ILogger<AlertStore> logger)
{
    private const string Insert = """
        INSERT INTO alert_events (id, fingerprint, status, alert_name, labels, annotations, starts_at, ends_at, generator_url, received_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (fingerprint, status, starts_at) DO NOTHING
        """;

    /// <summary>Stores the events not stored before; returns them (repeats are left out).</summary>
    public async Task<IReadOnlyList<AlertEvent>> RecordAsync(IReadOnlyList<AlertEventInput> inputs, CancellationToken cancellationToken)
    {
        var stored = new List<AlertEvent>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var input in inputs)
            {
                var alert = new AlertEvent
                {
                    Id = Guid.CreateVersion7(),
                    Fingerprint = input.Fingerprint,
                    Status = input.Status,
                    AlertName = input.Labels.GetValueOrDefault("alertname") ?? "",
                    Labels = JsonSerializer.Serialize(input.Labels),
                    Annotations = JsonSerializer.Serialize(input.Annotations),
                    StartsAt = input.StartsAt,
                    EndsAt = input.EndsAt,
                    GeneratorUrl = input.GeneratorUrl,
                    ReceivedAt = time.GetUtcNow(),
                };
                await using var command = new NpgsqlCommand(Insert, connection, transaction)
                {
                    Parameters =
                    {
                        new() { Value = alert.Id },
                        new() { Value = alert.Fingerprint },
                        new() { Value = alert.Status },
                        new() { Value = alert.AlertName },
                        new() { Value = alert.Labels, NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new() { Value = alert.Annotations, NpgsqlDbType = NpgsqlDbType.Jsonb },
                        new() { Value = alert.StartsAt },
                        new() { Value = (object?)alert.EndsAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                        new() { Value = (object?)alert.GeneratorUrl ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                        new() { Value = alert.ReceivedAt },
                    },
                };
                if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    stored.Add(alert);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var alert in stored)
        {
            await NotifyAsync(alert, cancellationToken);
        }

        return stored;
    }

    public async Task<(IReadOnlyList<AlertEvent> Items, int Total)> ListAsync(AlertEventQuery query, CancellationToken cancellationToken)
    {
        var events = db.Set<AlertEvent>().AsNoTracking();
        if (query.Status is { } status)
        {
            events = events.Where(a => a.Status == status);
        }

        if (query.AlertName is { } name)
        {
            events = events.Where(a => a.AlertName == name);
        }

        if (query.Labels.Count > 0)
        {
            var contained = JsonSerializer.Serialize(query.Labels);
            events = events.Where(a => EF.Functions.JsonContains(a.Labels, contained));
        }

        if (query.Since is { } since)
        {
            events = events.Where(a => a.ReceivedAt >= since || a.StartsAt >= since);
        }

        var total = await events.CountAsync(cancellationToken);
        var items = await events.OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    private async Task NotifyAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<IAlertEventHandler>())
        {
            try
            {
                await handler.HandleAsync(alert, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, ex, handler.GetType().Name, alert.AlertName, alert.Status, alert.Fingerprint);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert handler {Handler} failed for {AlertName} ({Status}, fingerprint {Fingerprint})")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler, string alertName, string status, string fingerprint);
}
