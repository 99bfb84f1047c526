using System.Collections.Concurrent;
using Pactor.Core.Paths;

namespace Pactor.Core.Store;

/// <summary>
/// Records when each cached package was last requested, for least-recently-requested eviction: on its
/// marker's modification time (so it survives restarts), written at most once a minute per package so
/// that a cache hit costs a dictionary look-up, not a file system write.
/// </summary>
public sealed class RequestRecency(PackageStore store, TimeProvider time)
{
    /// <summary>How stale a recorded request time may be; far below any sensible <c>CacheMaxAge</c>.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> written = new(StringComparer.Ordinal);

    /// <summary>A request for <paramref name="package"/> was answered from the cache (or the swarm, just now).</summary>
    public void Record(MirrorFile package)
    {
        var now = time.GetUtcNow();
        var key = package.RelativePath;
        if (written.TryGetValue(key, out var last) && now - last < Resolution && now >= last)
        {
            return;
        }

        written[key] = now;
        if (!store.MarkRequested(package, now))
        {
            // Removed since the request found it (a failed re-verification): nothing to remember.
            written.TryRemove(key, out _);
        }
    }

    /// <summary>Drops what is remembered of an evicted package, so that a new copy is stamped on its first request.</summary>
    public void Forget(MirrorFile package) => written.TryRemove(package.RelativePath, out _);
}
