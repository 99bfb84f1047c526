namespace Pactor.Hosting;

/// <summary>
/// The result of a check that costs a round trip, shared by every caller: kept for a short while, and
/// at most one check running at a time (so a page polling every second, or a probe loop, cannot hammer rtorrent).
/// </summary>
public sealed class ProbeCache<T>(Func<Task<T>> check, TimeSpan freshness, TimeProvider time)
    where T : class
{
    private readonly Lock gate = new();
    private T? latest;
    private DateTimeOffset latestAt;
    private Task<T>? running;

    /// <summary>The last result, however old; null before the first check has finished.</summary>
    public T? Latest
    {
        get
        {
            lock (gate)
            {
                return latest;
            }
        }
    }

    /// <summary>A result younger than the freshness period: the kept one, the running check's, or a new check's.</summary>
    public Task<T> GetAsync()
    {
        lock (gate)
        {
            if (latest is not null && time.GetUtcNow() - latestAt < freshness)
            {
                return Task.FromResult(latest);
            }

            // Started on the pool, outside this lock: a check that completes synchronously still clears `running` after it is set.
            return running ??= Task.Run(RunAsync);
        }
    }

    private async Task<T> RunAsync()
    {
        try
        {
            var value = await check();
            lock (gate)
            {
                latest = value;
                latestAt = time.GetUtcNow();
            }

            return value;
        }
        finally
        {
            lock (gate)
            {
                running = null;
            }
        }
    }
}
