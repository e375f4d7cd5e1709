using SupportBot.Drafting.Retrieval;

namespace SupportBot.Drafting.Classification;

/// <summary>A category with how sure the classifier is (0..1) and where it came from.</summary>
public sealed record CategoryDecision(string Category, double Confidence, string Source, IReadOnlyList<CategoryVote> Votes)
{
    public const string Given = "given";
    public const string Classified = "classified";
    public const string Uncategorized = "uncategorized";
}

public sealed record CategoryVote(string Category, double Weight);

/// <summary>
/// The embedded classifier: a similarity-weighted vote of the nearest resolved tickets. Confidence
/// is the winner's share of the vote, so two close categories give a low confidence. A configured
/// model may replace it (see <see cref="ICategoryClassifier"/>).
/// </summary>
public sealed class NearestNeighbourClassifier : ICategoryClassifier
{
    public ValueTask<CategoryDecision> ClassifyAsync(string subject, string body, IReadOnlyList<SimilarTicket> neighbours, CancellationToken cancellationToken)
    {
        var votes = neighbours
            .Where(n => n.Category is not null && n.Score > 0)
            .GroupBy(n => n.Category!, StringComparer.Ordinal)
            .Select(g => new CategoryVote(g.Key, g.Sum(n => n.Score)))
            .OrderByDescending(v => v.Weight)
            .ThenBy(v => v.Category, StringComparer.Ordinal)
            .ToList();
        if (votes.Count == 0)
        {
            return ValueTask.FromResult(new CategoryDecision(CategoryDecision.Uncategorized, 0, CategoryDecision.Classified, votes));
        }

        var confidence = votes[0].Weight / votes.Sum(v => v.Weight);
        return ValueTask.FromResult(new CategoryDecision(votes[0].Category, Math.Round(confidence, 4), CategoryDecision.Classified, votes));
    }
}

public interface ICategoryClassifier
{
    ValueTask<CategoryDecision> ClassifyAsync(string subject, string body, IReadOnlyList<SimilarTicket> neighbours, CancellationToken cancellationToken);
}
