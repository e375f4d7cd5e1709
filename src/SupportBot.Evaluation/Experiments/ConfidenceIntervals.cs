
namespace SupportBot.Evaluation.Experiments;

public readonly record struct Interval(double Mean, double Lower, double Upper, int N, string Method)
{
    public double HalfWidth => (Upper - Lower) / 2;
}

/// <summary>
/// 95% intervals for experiment aggregates. Booleans (0/1) are shares: the Wilson score interval,
/// which stays inside [0, 1] and behaves at 0% and 100%, unlike the normal approximation. Numeric
/// scores are means: Student's t interval (MathNet for the quantile); with one value the interval
/// is the value itself, as there is no spread to estimate.
/// </summary>
public static class ConfidenceIntervals
{
    public const double Level = 0.95;
    private const double Z = 1.959963984540054;

    public static Interval Wilson(int successes, int n)
    {
        if (n == 0)
        {
            return new Interval(double.NaN, double.NaN, double.NaN, 0, "wilson");
        }

        var p = (double)successes / n;
        var denominator = 1 + Z * Z / n;
        var centre = (p + Z * Z / (2 * n)) / denominator;
        var half = Z * Math.Sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)) / denominator;
        return new Interval(p, Math.Max(0, centre - half), Math.Min(1, centre + half), n, "wilson");
    }

    public static Interval StudentT(IReadOnlyCollection<double> values)
    {
        var n = values.Count;
        if (n == 0)
        {
            return new Interval(double.NaN, double.NaN, double.NaN, 0, "t");
        }

        var mean = values.Average();
        if (n == 1)
        {
            return new Interval(mean, mean, mean, 1, "t");
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var half = TQuantile(n - 1) * Math.Sqrt(variance / n);
        return new Interval(mean, mean - half, mean + half, n, "t");
    }

    /// <summary>Wilson for boolean metrics (values 0/1), t for everything else.</summary>
    public static Interval For(string dataType, IReadOnlyCollection<double> values) =>
        dataType == Data.Entities.ScoreDataTypes.Boolean
            ? Wilson(values.Count(v => v >= 0.5), values.Count)
            : StudentT(values);

    private static double TQuantile(int degreesOfFreedom) =>
        MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (1 - Level) / 2);
}
