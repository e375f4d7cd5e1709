using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Evaluation.Proposals;

/// <summary>
/// Names a cluster. Embedded mode: "category: term / term / term" from its top terms. With a configured
/// model (Evaluation:Judge, see <see cref="JudgeOptions"/>) the model names it from its top terms and
/// example subjects ("Refund within the 14-day window"); if the model fails or answers with nothing
/// usable, the term name stays. The model only names: it never moves tickets between clusters.
/// </summary>
public sealed class ProposalNamer(ILogger<ProposalNamer> logger, JudgeModel? model = null)
{
    public const string ByTerms = "terms";
    public const string ByModel = "model";
    private const int MaxNameLength = 80;

    public static string FromTerms(string? category, IReadOnlyList<string> topTerms) =>
        $"{category ?? "all"}: {(topTerms.Count == 0 ? "misc" : string.Join(" / ", topTerms.Take(3)))}";

    public async Task<(string Name, string NamedBy)> NameAsync(
        string? category, IReadOnlyList<string> topTerms, IReadOnlyList<string> exampleSubjects, CancellationToken cancellationToken)
    {
        var fallback = FromTerms(category, topTerms);
        if (model is null)
        {
            return (fallback, ByTerms);
        }

        try
        {
            var response = await model.ChatClient.GetResponseAsync(
                [
                    new ChatMessage(ChatRole.System,
                        "You name groups of resolved customer-support tickets by what the resolution did, in 2 to 6 plain English words " +
                        "(e.g. \"Refund within policy\", \"SSO setup with Okta\", \"Handed to engineering\"). Answer with the name only."),
                    new ChatMessage(ChatRole.User,
                        $"Category: {category}\nTop terms: {string.Join(", ", topTerms)}\nExample subjects:\n- {string.Join("\n- ", exampleSubjects)}"),
                ],
                new ChatOptions { Temperature = 0, MaxOutputTokens = 30 },
                cancellationToken);
            var name = response.Text.Trim().Trim('"', '\'', '.').Split('\n')[0].Trim();
            return name.Length is > 0 and <= MaxNameLength ? ($"{category ?? "all"}: {name}", ByModel) : (fallback, ByTerms);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.ClientModel.ClientResultException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Naming a dataset proposal with the model failed, keeping the term name: {Error}", ex.Message);
            return (fallback, ByTerms);
        }
    }
}
