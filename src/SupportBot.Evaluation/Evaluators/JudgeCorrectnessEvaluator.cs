using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using SupportBot.Data.Scores;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// LLM-as-judge correctness: a judge model compares the draft with the reply the team sent and rates
/// 1–5 whether it is as correct and complete (facts, steps, policy, handoff); the rating is scaled to
/// 0–1 ((r − 1) / 4). Active only when a judge model is configured (<see cref="JudgeOptions"/>, passed in
/// as the <see cref="ChatConfiguration"/>); otherwise, or when the judge fails or answers unreadably,
/// the metric is skipped with the reason. Tone is deliberately not graded. How it can be wrong: judges
/// are biased toward long, confident answers and toward their own phrasing, may forgive wrong details
/// that look plausible, and a reference that is itself outdated (the demo's export flow) misleads it.
/// </summary>
public sealed class JudgeCorrectnessEvaluator : IEvaluator
{
    public const string SystemPrompt =
        """
        You grade a customer-support draft against the reply an experienced agent actually sent.
        Judge correctness and completeness only: the same facts, steps, numbers, policy and whether the
        case is handed to a human team. Ignore tone, greeting, sign-off, length and wording.
        Rate 1 to 5: 5 = as correct and complete as the sent reply, 4 = minor omission, 3 = partly
        correct, 2 = mostly wrong or missing the key step, 1 = wrong or harmful.
        Answer with JSON only: {"score": <1-5>, "reason": "<one sentence>"}
        """;

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [EvaluatorScoreDefinitions.JudgeCorrectness];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        if (chatConfiguration is null)
        {
            return Skipped("no judge model configured (set Evaluation:Judge:BaseUrl and Evaluation:Judge:Model)");
        }

        var gradingCase = EvaluationContexts.Require<GradingCaseContext>(additionalContext).Case;
        var draft = EvaluationContexts.Require<GradedDraftContext>(additionalContext).Draft;
        ChatResponse judged;
        try
        {
            judged = await chatConfiguration.ChatClient.GetResponseAsync(
                [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, UserPrompt(gradingCase, draft))],
                new ChatOptions { Temperature = 0, MaxOutputTokens = 200, ResponseFormat = ChatResponseFormat.Json },
                cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.ClientModel.ClientResultException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Skipped($"the judge model failed: {ex.Message}");
        }

        if (Parse(judged.Text) is not { } verdict)
        {
            return Skipped($"the judge's answer was not {{\"score\": 1-5, \"reason\": ...}}: {Truncate(judged.Text, 200)}");
        }

        var metric = Metrics.Numeric(EvaluatorScoreDefinitions.JudgeCorrectness, (verdict.Score - 1) / 4.0, $"judge {verdict.Score}/5: {verdict.Reason}");
        metric.AddOrUpdateChatMetadata(judged);
        return new EvaluationResult(metric);
    }

    public static string UserPrompt(GradingCase gradingCase, GradedDraft draft) =>
        $"""
        <ticket language="{gradingCase.Language}" category="{gradingCase.Category}">
        Subject: {gradingCase.Subject}
        {gradingCase.Body}
        </ticket>
        <sent_reply handoff="{(gradingCase.ExpectedHandoff ? "yes" : "no")}">
        {gradingCase.ExpectedOutput}
        </sent_reply>
        <draft handoff="{(draft.Handoff ? "yes" : "no")}">
        {draft.Text}
        </draft>
        """;

    /// <summary>The judge's score and reason, from the first JSON object in its answer (models sometimes wrap it in prose or fences).</summary>
    public static (int Score, string Reason)? Parse(string? answer)
    {
        var start = answer?.IndexOf('{') ?? -1;
        var end = answer?.LastIndexOf('}') ?? -1;
        if (answer is null || start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(answer[start..(end + 1)]);
            if (!json.RootElement.TryGetProperty("score", out var scoreElement))
            {
                return null;
            }

            double? score = scoreElement.ValueKind switch
            {
                JsonValueKind.Number => scoreElement.GetDouble(),
                JsonValueKind.String when double.TryParse(scoreElement.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) => s,
                _ => null,
            };
            var reason = json.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "" : "";
            return score is >= 1 and <= 5 && score == Math.Floor(score.Value) ? ((int)score.Value, reason) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static EvaluationResult Skipped(string reason) =>
        new(Metrics.Skipped(new NumericMetric(EvaluatorScoreDefinitions.JudgeCorrectness, null, reason)));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
