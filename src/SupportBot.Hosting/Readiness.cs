namespace SupportBot.Hosting;

/// <summary>Polls until something is ready, failing early when the process behind it has exited.</summary>
internal static class Readiness
{
    public static async Task WaitAsync(
        string what,
        Func<CancellationToken, Task<bool>> isReady,
        Func<string?> failedBecause,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (failedBecause() is { } reason)
            {
                throw new InvalidOperationException($"{what} did not become ready: {reason}");
            }

            try
            {
                if (await isReady(deadline.Token))
                {
                    return;
                }
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                // Not listening yet: keep polling.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} did not become ready within {timeout.TotalSeconds:0} s.");
            }

            try
            {
                await Task.Delay(delay, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} did not become ready within {timeout.TotalSeconds:0} s.");
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public static async Task<bool> HttpOkAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
