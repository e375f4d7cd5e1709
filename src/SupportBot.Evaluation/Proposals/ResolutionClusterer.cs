using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Evaluation.Proposals;

public sealed record ResolutionDocument(Guid Id, string Text);

public sealed record ResolutionCluster(IReadOnlyList<Guid> Members, IReadOnlyList<string> TopTerms);

/// <summary>
/// Groups resolutions that did the same thing: ML.NET turns each text into a TF-IDF vector of its words
/// (after <see cref="TextTokens"/>, dropping en/de/fr/es stop words, numbers and words under 3 letters),
/// L2-normalises it (so k-means on it behaves like cosine similarity) and runs k-means (k-means++ start,
/// <see cref="Restarts"/> seeded restarts, the tightest kept) on one thread, so the same tickets always give the same clusters. k is <see cref="ChooseK"/>.
/// Top terms are the heaviest words of a cluster's mean vector.
/// </summary>
public static class ResolutionClusterer
{
    public const int Seed = 20_241_124;
    public const int MaxClusters = 10;
    public const int TopTermCount = 5;
    public const int Restarts = 5;

    /// <summary>
    /// k ≈ √(n/2), the usual rule of thumb, between 1 and <see cref="MaxClusters"/>: 65 billing tickets
    /// give 6 clusters, 10 tickets 2, fewer than 5 one. Small clusters are worth less than a few clear ones.
    /// </summary>
    public static int ChooseK(int documents) => Math.Clamp((int)Math.Round(Math.Sqrt(documents / 2.0)), 1, MaxClusters);

    public static IReadOnlyList<ResolutionCluster> Cluster(IReadOnlyList<ResolutionDocument> documents, int? k = null)
    {
        if (documents.Count == 0)
        {
            return [];
        }

        var clusters = Math.Min(k ?? ChooseK(documents.Count), documents.Count);
        var ml = new MLContext(seed: Seed);
        var data = ml.Data.LoadFromEnumerable(documents.Select(d => new Row { Text = Prepare(d.Text) }));
        var featurize = ml.Transforms.Text.TokenizeIntoWords("Tokens", nameof(Row.Text))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens", "Tokens", StopWordsRemovingEstimator.Language.English))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens", "Tokens", StopWordsRemovingEstimator.Language.German))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens", "Tokens", StopWordsRemovingEstimator.Language.French))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens", "Tokens", StopWordsRemovingEstimator.Language.Spanish))
            .Append(ml.Transforms.Conversion.MapValueToKey("Keys", "Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("TfIdf", "Keys", ngramLength: 1, useAllLengths: false, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("Features", "TfIdf"));
        var features = featurize.Fit(data).Transform(data);

        var vectors = features.GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        features.Schema["Features"].GetSlotNames(ref slotNames);
        var vocabulary = slotNames.DenseValues().Select(n => n.ToString()).ToArray();

        // k-means++ needs k distinct points: resolutions that are the same text (a macro sent to every
        // ticket) are one point, so never ask for more clusters than there are distinct vectors.
        clusters = Math.Min(clusters, vectors.Select(v => string.Join(',', v)).Distinct(StringComparer.Ordinal).Count());

        uint[] assignments;
        if (clusters <= 1 || vocabulary.Length == 0)
        {
            assignments = new uint[documents.Count];
        }
        else
        {
            // k-means finds a local optimum that depends on its start: a few seeded restarts, keeping
            // the tightest clustering (least mean distance to the centroids), are cheap at this size.
            IDataView? best = null;
            var bestDistance = double.MaxValue;
            for (var restart = 0; restart < Restarts; restart++)
            {
                var run = new MLContext(seed: Seed + restart);
                var kmeans = run.Clustering.Trainers.KMeans(new KMeansTrainer.Options
                {
                    FeatureColumnName = "Features",
                    NumberOfClusters = clusters,
                    NumberOfThreads = 1,
                    InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                });
                var candidate = kmeans.Fit(features).Transform(features);
                var distance = run.Clustering.Evaluate(candidate, featureColumnName: "Features").AverageDistance;
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (candidate, distance);
                }
            }

            var predicted = best!;
            assignments = predicted.GetColumn<uint>("PredictedLabel").Select(label => label - 1).ToArray();
        }

        return assignments
            .Select((cluster, index) => (cluster, index))
            .GroupBy(a => a.cluster, a => a.index)
            .Select(group => new ResolutionCluster(
                group.Select(i => documents[i].Id).ToList(),
                TopTerms(group.Select(i => vectors[i]).ToList(), vocabulary)))
            .OrderByDescending(c => c.Members.Count)
            .ThenBy(c => string.Join(' ', c.TopTerms), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Lower-cased words of 3+ letters, no numbers: the vocabulary the vectors are built on.</summary>
    public static string Prepare(string text) =>
        string.Join(' ', TextTokens.Words(text).Where(w => w.Length >= 3 && !w.All(char.IsDigit)));

    private static List<string> TopTerms(IReadOnlyList<float[]> members, string[] vocabulary)
    {
        if (vocabulary.Length == 0)
        {
            return [];
        }

        var sum = new double[vocabulary.Length];
        foreach (var vector in members)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                sum[i] += vector[i];
            }
        }

        return Enumerable.Range(0, vocabulary.Length)
            .Where(i => sum[i] > 0)
            .OrderByDescending(i => sum[i])
            .ThenBy(i => vocabulary[i], StringComparer.Ordinal)
            .Take(TopTermCount)
            .Select(i => vocabulary[i])
            .ToList();
    }

    private sealed class Row
    {
        public string Text { get; set; } = "";
    }
}
