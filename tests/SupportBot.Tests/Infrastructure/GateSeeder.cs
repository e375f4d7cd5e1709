namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Categories and hourly signal stats written straight into the fixture's database, for tests of
/// the gate math that should not depend on the signal flow. Every category is new and unique.
/// </summary>
public static class GateSeeder
{
    public static async Task<string> NewCategoryAsync(this StackFixture stack, string prefix = "gate", string phase = "offline")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        await stack.ExecuteAsync("INSERT INTO categories (name, phase, created_at) VALUES ($1, $2, now())", name, phase);
        return name;
    }

    public static async Task SeedStatsAsync(
        this StackFixture stack, string category, DateTimeOffset hour, int sent, int edited, int corrected, double wordEditDistanceSum, int thumbsUp, int thumbsDown)
    {
        var bucket = new DateTimeOffset(hour.UtcDateTime.Year, hour.UtcDateTime.Month, hour.UtcDateTime.Day, hour.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        await stack.ExecuteAsync(
            """
            INSERT INTO category_signal_stats (category, hour, sent, edited, corrected, word_edit_distance_sum, thumbs_up, thumbs_down)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            category, bucket, sent, edited, corrected, wordEditDistanceSum, thumbsUp, thumbsDown);
    }
}
