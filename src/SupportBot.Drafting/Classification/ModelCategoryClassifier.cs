using System.Text.Json;
using Microsoft.Extensions.AI;
using Npgsql;
using SupportBot.Drafting.Retrieval;

namespace SupportBot.Drafting.Classification;

/// <summary>
/// Classification by the configured model, used instead of the neighbour vote when a real model is
/// configured. The model chooses among the known categories, with the neighbours' vote as a hint;
/// an answer outside the list (or no usable answer) falls back to the vote, so a confused model
/// can never invent a category.
/// </summary>
public sealed class ModelCategoryClassifier(IChatClient chat, NpgsqlDataSource dataSource, NearestNeighbourClassifier fallback) : ICategoryClassifier
{
    public const string Source = "model";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<CategoryDecision> ClassifyAsync(string subject, string body, IReadOnlyList<SimilarTicket> neighbours, CancellationToken cancellationToken)
    {
        var vote = await fallback.ClassifyAsync(subject, body, neighbours, cancellationToken);
        var known = await KnownCategoriesAsync(cancellationToken);
        if (known.Count == 0)
        {
            return vote;
        }

        var instructions =
            "Classify the customer support ticket into exactly one of these categories: " + string.Join(", ", known) + ". " +
            "Answer with JSON only: {\"category\": \"<one of the categories>\", \"confidence\": <0 to 1>}.";
        var hint = vote.Votes.Count == 0 ? "none" : string.Join(", ", vote.Votes.Select(v => $"{v.Category} ({v.Weight:0.00})"));
        var response = await chat.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, instructions),
                new ChatMessage(ChatRole.User, $"Subject: {subject}\n\n{body}\n\nCategories of the most similar resolved tickets: {hint}"),
            ],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 60 },
            cancellationToken);

        return Parse(response.Text) is { } answer && known.Contains(answer.Category ?? "", StringComparer.Ordinal)
            ? new CategoryDecision(answer.Category!, Math.Clamp(answer.Confidence ?? 0.5, 0, 1), Source, vote.Votes)
            : vote;
    }

    private sealed record Answer(string? Category, double? Confidence);

    private static Answer? Parse(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Answer>(text.AsSpan(start, end - start + 1), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<List<string>> KnownCategoriesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT name FROM categories ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
