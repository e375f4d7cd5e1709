using System.ComponentModel.DataAnnotations;
namespace SupportBot.Contracts;

/// <summary>The reply the support team actually sent for a draft (phase 2).</summary>
public sealed record SentReplyRequest([Required] string? Text, string? AgentId, DateTimeOffset? SentAt);

/// <summary>Thumbs on a draft: "up" or "down", with an optional comment.</summary>
public sealed record DraftFeedbackRequest([Required] string? Thumb, string? Comment, string? AgentId);

/// <summary>202 answer: the signal is queued; scores appear on the draft's trace once the worker has processed it.</summary>
public sealed record SignalAccepted(string EventId, Guid DraftId, string Type);

public static class SignalTypes
{
    public const string Sent = "sent";
    public const string Feedback = "feedback";
}

public static class Thumbs
{
    public const string Up = "up";
    public const string Down = "down";
}
