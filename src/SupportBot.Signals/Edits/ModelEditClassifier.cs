using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportBot.Data.Entities;

namespace SupportBot.Signals.Edits;

/// <summary>
/// Edit type by the configured model (used when Drafting:Provider is not the embedded drafter). An
/// unchanged reply is "none" without asking; an answer outside the four types, or a failed call, falls
/// back to the heuristic, so a confused or unreachable model never stalls or corrupts the scores.
/// </summary>
public sealed class ModelEditClassifier(IChatClient chat, ILogger<ModelEditClassifier> logger) : IEditClassifier
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Instructions =
        "A support agent edited an AI-drafted reply before sending it. Classify the edit as exactly one of: " +
        "\"tone\" (only greetings, politeness, punctuation or letter case changed), " +
        "\"corrected\" (facts, steps, links or numbers changed or removed), " +
        "\"added\" (new information added, nothing corrected). " +
        "Answer with JSON only: {\"editType\": \"tone|corrected|added\"}.";

    public async ValueTask<string> ClassifyAsync(string draft, string sent, CancellationToken cancellationToken)
    {
        var heuristic = HeuristicEditClassifier.Classify(draft, sent);
        if (heuristic == EditTypes.None)
        {
            return heuristic;
        }

        try
        {
            var response = await chat.GetResponseAsync(
                [
                    new ChatMessage(ChatRole.System, Instructions),
                    new ChatMessage(ChatRole.User, $"<draft>\n{draft}\n</draft>\n<sent>\n{sent}\n</sent>"),
                ],
                new ChatOptions { Temperature = 0, MaxOutputTokens = 20 },
                cancellationToken);
            if (Parse(response.Text) is { } type && type != EditTypes.None && EditTypes.All.Contains(type))
            {
                return type;
            }

            logger.LogWarning("The model gave no usable edit type; using the heuristic's '{EditType}'", heuristic);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Edit classification by the model failed ({Error}); using the heuristic's '{EditType}'", ex.Message, heuristic);
        }

        return heuristic;
    }

    private sealed record Answer(string? EditType);

    private static string? Parse(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Answer>(text.AsSpan(start, end - start + 1), Json)?.EditType?.Trim().ToLowerInvariant();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
