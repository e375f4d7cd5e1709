using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Data.Alerts;

namespace SupportBot.Api.Apis;

/// <summary>The token Alertmanager sends as bearer token (the AppHost's alert-webhook-token parameter).</summary>
public sealed class AlertWebhookOptions
{
    public const string Section = "Alerts";
    public string? WebhookToken { get; set; }
}

/// <summary>
/// Alerts from Prometheus, through Alertmanager: the webhook stores each firing and resolved event
/// (idempotent on repeats); the list shows what fired, for people and for later automation.
/// </summary>
public static class AlertsApi
{
    private const int MaxPageSize = 200;
    private static readonly string[] Statuses = ["firing", "resolved"];

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alerts").WithTags("Alerts");
        // Alertmanager has no API key: it authenticates with the bearer token, checked here.
        api.MapPost("/webhook", ReceiveWebhook).AllowAnonymous()
            .WithSummary("Alertmanager webhook receiver (bearer token): stores each alert's firing or resolved event");
        api.MapGet("/", List).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("Stored alert events, newest first; filters: status, alertname, label=key:value (repeatable), since");
        return app;
    }

    private static async Task<Results<Ok<AlertWebhookResult>, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> ReceiveWebhook(
        HttpRequest request, AlertmanagerWebhook? payload, IOptions<AlertWebhookOptions> options, AlertStore store, CancellationToken cancellationToken)
    {
        if (options.Value.WebhookToken is not { Length: > 0 } token)
        {
            return TypedResults.Problem("The alert webhook is not configured (Alerts__WebhookToken).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!HasBearer(request, token))
        {
            return TypedResults.Unauthorized();
        }

        var errors = new Dictionary<string, string[]>();
        if (payload?.Alerts is not { } alerts)
        {
            errors["alerts"] = ["An Alertmanager webhook payload with an 'alerts' array is required."];
            return TypedResults.ValidationProblem(errors);
        }

        var inputs = new List<AlertEventInput>();
        for (var i = 0; i < alerts.Count; i++)
        {
            var alert = alerts[i];
            if (alert.Status is not ("firing" or "resolved"))
            {
                errors[$"alerts[{i}].status"] = ["Must be 'firing' or 'resolved'."];
            }

            if (string.IsNullOrWhiteSpace(alert.Fingerprint) || alert.Fingerprint.Length > 64)
            {
                errors[$"alerts[{i}].fingerprint"] = ["Required, at most 64 characters."];
            }

            if (alert.Labels is null || !alert.Labels.ContainsKey("alertname"))
            {
                errors[$"alerts[{i}].labels"] = ["Labels with an 'alertname' are required."];
            }

            if (alert.StartsAt is null)
            {
                errors[$"alerts[{i}].startsAt"] = ["Required."];
            }

            if (errors.Count == 0)
            {
                // Alertmanager sends 0001-01-01 for "has not ended".
                var endsAt = alert.EndsAt is { Year: > 1 } end ? end : (DateTimeOffset?)null;
                inputs.Add(new(alert.Fingerprint!, alert.Status!, alert.Labels!, alert.Annotations ?? new Dictionary<string, string>(),
                    alert.StartsAt!.Value, endsAt, alert.GeneratorUrl));
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var stored = await store.RecordAsync(inputs, cancellationToken);
        return TypedResults.Ok(new AlertWebhookResult(inputs.Count, stored.Count));
    }

    private static async Task<Results<Ok<AlertEventPage>, ValidationProblem>> List(
        AlertStore store, CancellationToken cancellationToken,
        string? status = null, string? alertname = null, string[]? label = null, DateTimeOffset? since = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !Statuses.Contains(status))
        {
            errors["status"] = ["Use 'firing' or 'resolved'."];
        }

        var labels = new Dictionary<string, string>();
        foreach (var filter in label ?? [])
        {
            var separator = filter.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0)
            {
                errors["label"] = ["Use key:value, e.g. label=category:billing."];
                break;
            }

            labels[filter[..separator]] = filter[(separator + 1)..];
        }

        Paging.ValidatePage(errors, page, pageSize, MaxPageSize);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (items, total) = await store.ListAsync(new AlertEventQuery(status, alertname, labels, since, page, pageSize), cancellationToken);
        return TypedResults.Ok(new AlertEventPage([.. items.Select(View)], total, page, pageSize));
    }

    private static AlertEventView View(AlertEvent alert) => new(
        alert.Id, alert.Fingerprint, alert.Status, alert.AlertName,
        JsonSerializer.Deserialize<Dictionary<string, string>>(alert.Labels)!,
        JsonSerializer.Deserialize<Dictionary<string, string>>(alert.Annotations)!,
        alert.StartsAt, alert.EndsAt, alert.GeneratorUrl, alert.ReceivedAt);

    /// <summary>Constant-time comparison, so the token cannot be guessed byte by byte from response times.</summary>
    private static bool HasBearer(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
