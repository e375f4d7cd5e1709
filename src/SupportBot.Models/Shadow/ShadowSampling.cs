namespace SupportBot.Models.Shadow;

/// <summary>
/// Which live tickets a candidate shadows: a hash of ticket id and candidate name into 10,000 buckets, computed by
/// Postgres in the claim query (so unsampled tickets never travel to the worker, and every worker and every restart
/// agrees). Per candidate, so a new candidate samples a fresh share rather than the same tickets.
/// </summary>
public static class ShadowSampling
{
    public const int Buckets = 10_000;

    /// <summary>SQL of a ticket's bucket, 0..9999, from the ticket id column (or parameter) and the candidate name's parameter.</summary>
    public static string BucketSql(string ticketId, string candidate) => $"mod(abs(hashtext({ticketId}::text || ':' || {candidate})::bigint), {Buckets})";

    /// <summary>Buckets below this are sampled.</summary>
    public static int Threshold(double sampleRate) => (int)Math.Round(Math.Clamp(sampleRate, 0, 1) * Buckets);
}
