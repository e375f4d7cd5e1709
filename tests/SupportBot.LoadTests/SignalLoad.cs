using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;

namespace SupportBot.LoadTests;

/// <summary>An accepted event: its id and when the API's 202 arrived.</summary>
public sealed record AcceptedSignal(string EventId, string Type, DateTime AcceptedUtc);

public sealed record FireResult(int Attempted, int Accepted, int Rejected, int Skipped, TimeSpan Elapsed, IReadOnlyList<AcceptedSignal> Signals, double[] LatenciesMs);

/// <summary>
/// Open-loop load: requests start on a fixed schedule whatever the answers do (a closed loop would
/// slow down with the system and hide saturation). Requests that would exceed the in-flight cap are
/// counted as skipped, so a saturated API shows up as a lower accepted rate.
/// </summary>
public sealed class SignalLoad(HttpClient client, IReadOnlyList<Guid> drafts, int maxInFlight = 512)
{
    private int _next;

    public async Task<FireResult> FireAsync(int ratePerSecond, TimeSpan duration)
    {
        var signals = new ConcurrentBag<AcceptedSignal>();
        var latencies = new ConcurrentBag<double>();
        var gate = new SemaphoreSlim(maxInFlight);
        var tasks = new List<Task>();
        int attempted = 0, rejected = 0, skipped = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * ratePerSecond);
            while (attempted + skipped < due)
            {
                if (!gate.Wait(0))
                {
                    skipped++;
                    continue;
                }

                attempted++;
                var index = Interlocked.Increment(ref _next) - 1;
                tasks.Add(SendAsync(index));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        return new FireResult(attempted, signals.Count, rejected, skipped, elapsed, [.. signals], [.. latencies.Order()]);

        async Task SendAsync(int index)
        {
            try
            {
                // Each draft gets one sent reply and one thumb: events 2i and 2i+1.
                var draft = drafts[index / 2 % drafts.Count];
                var started = Stopwatch.GetTimestamp();
                using var response = index % 2 == 0
                    ? await client.PostAsJsonAsync($"/api/drafts/{draft}/sent", new SentReplyRequest(LoadDrafts.SentText(index / 2), "load-agent", null))
                    : await client.PostAsJsonAsync($"/api/drafts/{draft}/feedback", new DraftFeedbackRequest(index % 3 == 0 ? Thumbs.Down : Thumbs.Up, null, null));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var accepted = (await response.Content.ReadFromJsonAsync<SignalAccepted>())!;
                    signals.Add(new AcceptedSignal(accepted.EventId, accepted.Type, DateTime.UtcNow));
                }
                else
                {
                    Interlocked.Increment(ref rejected);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref rejected);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
