using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Monitors;
using SupportBot.Monitors.Checking;
using SupportBot.Monitors.FollowUps;

namespace SupportBot.Api.Apis;

/// <summary>
/// The monitors' dry run (the same <see cref="MonitorSuite"/> the worker runs, recording nothing) and their measured
/// precision from resolved follow-ups (docs/monitors.md).
/// </summary>
public static class MonitorsApi
{
    private const int MaxReplyLength = 64 * 1024;

    public static IEndpointRouteBuilder MapMonitorEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/monitors").WithTags("Monitors").RequireAuthorization(AuthorizationPolicies.Agent);
        api.MapPost("/check", Check).WithSummary("Runs every monitor on one reply as a dry run: returns the flags, records nothing");
        api.MapGet("/precision", Precision).WithSummary("Measured precision per monitor: resolved follow-ups not marked false positive");
        return app;
    }

    private static async Task<Results<Ok<MonitorCheckResult>, ValidationProblem>> Check(
        MonitorCheckRequest request, MonitorSuite suite, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reply))
        {
            errors["reply"] = ["The reply to check is required."];
        }
        else if (request.Reply.Length > MaxReplyLength)
        {
            errors["reply"] = [$"At most {MaxReplyLength} characters."];
        }

        if (request.CustomerMessage is null)
        {
            errors["customerMessage"] = ["The customer's message is required (empty if there was none)."];
        }
        else if (request.CustomerMessage.Length > MaxReplyLength)
        {
            errors["customerMessage"] = [$"At most {MaxReplyLength} characters."];
        }

        if (request.CustomerContext is { Count: > 200 })
        {
            errors["customerContext"] = ["At most 200 earlier messages."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await suite.CheckAsync(ReplyToCheck.From(request), cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<MonitorPrecision>>> Precision(FollowUpStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.PrecisionAsync(cancellationToken));
}
