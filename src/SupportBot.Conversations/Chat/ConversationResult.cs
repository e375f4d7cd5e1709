namespace SupportBot.Conversations.Chat;

public enum ConversationProblem
{
    None,
    NotFound,

    /// <summary>The conversation is closed: reopen it first (a message to a closed conversation is refused, not an automatic reopen).</summary>
    Closed,

    /// <summary>The operation needs another state (reopen an open conversation, an agent message to one the bot still answers).</summary>
    WrongState,
}

public sealed record ConversationResult<T>(T? Value, ConversationProblem Problem, string? Detail = null)
{
    public static ConversationResult<T> Ok(T value) => new(value, ConversationProblem.None);

    public static ConversationResult<T> Fail(ConversationProblem problem, string detail) => new(default, problem, detail);
}
