namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Tests that start a whole stack of their own (AppHost process or a second Aspire app) take turns, two
/// at a time besides the shared fixture: four at once on 2 cores left one waiting minutes for DCP to
/// start anything, and a start-up timeout then failed a test that had nothing wrong.
/// </summary>
public static class OwnStacks
{
    private static readonly SemaphoreSlim Slots = new(2, 2);

    public static async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await Slots.WaitAsync(cancellationToken);
        return new Slot();
    }

    private sealed class Slot : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Slots.Release();
            }
        }
    }
}
