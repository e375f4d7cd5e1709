namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Waits for something asynchronous to happen (a Prometheus scrape, a worker pass). It polls and
/// fails with the last observation; it never asserts on how long things took.
/// </summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string? what = null) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
            {
                lastError = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{what ?? "condition"} not met within {timeout.TotalSeconds:0} s. Last error: {lastError?.Message ?? "none"}");
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
