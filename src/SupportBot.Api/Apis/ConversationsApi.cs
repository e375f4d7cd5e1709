using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Conversations;
using SupportBot.Conversations.Chat;

namespace SupportBot.Api.Apis;

/// <summary>
/// Customer conversations (phase 3), for the company's chat channel: open, post customer messages (the bot answers in
/// cleared categories, else the team), read the transcript or follow it as server-sent events, close and reopen.
/// </summary>
public static class ConversationsApi
{
    public static RouteGroupBuilder MapConversationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/conversations").WithTags("Conversations");
        api.MapPost("/", Start).RequireAuthorization(AuthorizationPolicies.Channel)
            .WithSummary("Opens a conversation for a customer of the chat channel");
        api.MapPost("/{id:guid}/messages", PostMessage).RequireAuthorization(AuthorizationPolicies.Channel)
            .RequireRateLimiting(ConversationRateLimits.PerConversation)
            .WithSummary("A customer message: the bot answers (text, citations, trace id) or the conversation goes to the team; 409 when closed");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(AuthorizationPolicies.ConversationReaders)
            .WithSummary("The transcript: customer, bot, team and status messages in order, with the implicit signals");
        api.MapGet("/{id:guid}/events", Events).RequireAuthorization(AuthorizationPolicies.ConversationReaders)
            .WithSummary("Server-sent events: every message as it happens (event id = sequence; Last-Event-ID resumes)");
        api.MapPost("/{id:guid}/close", Close).RequireAuthorization(AuthorizationPolicies.Channel)
            .WithSummary("Closes the conversation, optionally with the customer's own resolved yes/no");
        api.MapPost("/{id:guid}/reopen", Reopen).RequireAuthorization(AuthorizationPolicies.Channel)
            .WithSummary("Reopens a closed conversation (within 7 days of closing this is the signal 'reopened')");
        api.MapPost("/{id:guid}/agent-messages", AgentMessage).RequireAuthorization(AuthorizationPolicies.Agent)
            .WithSummary("A team member's reply written straight into a handed-off conversation");
        return api;
    }

    private static async Task<Results<Created<ConversationView>, ValidationProblem>> Start(
        StartConversationRequest request, ClaimsPrincipal user, ConversationService conversations, CancellationToken cancellationToken)
    {
        var errors = ConversationValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var view = await conversations.StartAsync(Channel(user), request.CustomerId!.Trim(), request.CustomerName?.Trim() is { Length: > 0 } name ? name : null,
            ConversationValidation.LanguageOf(request.Language), cancellationToken);
        return TypedResults.Created($"/api/conversations/{view.Id}", view);
    }

    private static async Task<Results<Ok<CustomerMessageResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> PostMessage(
        Guid id, CustomerMessageRequest request, ClaimsPrincipal user, ConversationService conversations, CustomerMessages messages,
        IOptions<ConversationOptions> options, CancellationToken cancellationToken)
    {
        var errors = ConversationValidation.ValidateMessage(request.Text, options.Value.MaxMessageLength);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await OwnsAsync(conversations, id, user, cancellationToken))
        {
            return TypedResults.NotFound(NotFound(id));
        }

        var result = await messages.PostAsync(id, request.Text!.Trim(), cancellationToken);
        return result.Problem switch
        {
            ConversationProblem.None => TypedResults.Ok(result.Value!),
            ConversationProblem.NotFound => TypedResults.NotFound(NotFound(id)),
            _ => TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "Conversation closed", result.Detail!)),
        };
    }

    private static async Task<Results<Ok<ConversationView>, NotFound<ProblemDetails>>> Get(
        Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken cancellationToken)
    {
        var view = await conversations.GetAsync(id, cancellationToken);
        return view is null || !Visible(view.Channel, user) ? TypedResults.NotFound(NotFound(id)) : TypedResults.Ok(view);
    }

    private static async Task<Results<ServerSentEventsResult<ConversationMessageView>, NotFound<ProblemDetails>, ValidationProblem>> Events(
        Guid id, HttpRequest request, ClaimsPrincipal user, ConversationService conversations, ConversationEvents events, CancellationToken cancellationToken)
    {
        var after = 0;
        if (request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } lastEventId && !int.TryParse(lastEventId, out after))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Last-Event-ID"] = ["Use the id of the last event received (a message sequence number)."] });
        }

        if (!await OwnsAsync(conversations, id, user, cancellationToken))
        {
            return TypedResults.NotFound(NotFound(id));
        }

        // Subscribed before the replay, so a message written in between arrives live (and duplicates are dropped).
        var live = await events.SubscribeAsync(id, cancellationToken);
        var replay = await conversations.MessagesAfterAsync(id, after, cancellationToken);
        return TypedResults.ServerSentEvents(Stream(replay, live, after, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<ConversationMessageView>> Stream(
        List<ConversationMessageView> replay, IAsyncEnumerable<ConversationMessageView> live, int after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = after;
        foreach (var message in replay)
        {
            last = message.Sequence;
            yield return Item(message);
        }

        await foreach (var message in live.WithCancellation(cancellationToken))
        {
            if (message.Sequence > last)
            {
                last = message.Sequence;
                yield return Item(message);
            }
        }
    }

    private static SseItem<ConversationMessageView> Item(ConversationMessageView message) =>
        new(message, message.Role) { EventId = message.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static async Task<Results<Ok<ConversationView>, NotFound<ProblemDetails>>> Close(
        Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken cancellationToken, [FromBody] CloseConversationRequest? request = null)
    {
        if (!await OwnsAsync(conversations, id, user, cancellationToken))
        {
            return TypedResults.NotFound(NotFound(id));
        }

        var result = await conversations.CloseAsync(id, request?.Resolved, cancellationToken);
        return result.Value is { } view ? TypedResults.Ok(view) : TypedResults.NotFound(NotFound(id));
    }

    private static async Task<Results<Ok<ConversationView>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Reopen(
        Guid id, ClaimsPrincipal user, ConversationService conversations, CancellationToken cancellationToken)
    {
        if (!await OwnsAsync(conversations, id, user, cancellationToken))
        {
            return TypedResults.NotFound(NotFound(id));
        }

        var result = await conversations.ReopenAsync(id, cancellationToken);
        return result.Problem switch
        {
            ConversationProblem.None => TypedResults.Ok(result.Value!),
            ConversationProblem.NotFound => TypedResults.NotFound(NotFound(id)),
            _ => TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "Conversation not closed", result.Detail!)),
        };
    }

    private static async Task<Results<Ok<ConversationMessageView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AgentMessage(
        Guid id, AgentMessageRequest request, ClaimsPrincipal user, TeamReplies replies, CancellationToken cancellationToken)
    {
        var errors = ConversationValidation.ValidateMessage(request.Text, Data.TextLimits.SentReply);
        if (request.AgentId is { Length: > Data.TextLimits.AgentId })
        {
            errors["agentId"] = [$"The agent id may be at most {Data.TextLimits.AgentId} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var agent = string.IsNullOrWhiteSpace(request.AgentId) ? user.Identity?.Name : request.AgentId.Trim();
        var result = await replies.WriteAsync(id, request.Text!.Trim(), agent, cancellationToken);
        return result.Problem switch
        {
            ConversationProblem.None => TypedResults.Ok(result.Value!),
            ConversationProblem.NotFound => TypedResults.NotFound(NotFound(id)),
            _ => TypedResults.Conflict(Problem(StatusCodes.Status409Conflict, "Conversation not with the team", result.Detail!)),
        };
    }

    private static string Channel(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "unknown";

    /// <summary>A channel key sees only the conversations it opened; the team sees all.</summary>
    private static bool Visible(string channel, ClaimsPrincipal user) => !user.IsInRole(Roles.Channel) || channel == Channel(user);

    private static async Task<bool> OwnsAsync(ConversationService conversations, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await conversations.ChannelOfAsync(id, cancellationToken) is { } channel && Visible(channel, user);

    private static ProblemDetails NotFound(Guid id) => Problem(StatusCodes.Status404NotFound, "Conversation not found", $"No conversation with id {id}.");

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
