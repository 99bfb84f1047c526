using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;

namespace Pactor.Core.Store;

/// <summary>
/// Size of the package cache and evictions since start, for the status page and metrics. The
/// <see cref="CacheEvictor"/> refreshes the size on each scan (at start-up, after new packages land,
/// and periodically), so it lags a download that just landed by the eviction debounce.
/// </summary>
public sealed class CacheStatistics(IOptions<MirrorOptions> options)
{
    private readonly Lock gate = new();
    private long bytes;
    private int files;
    private long evictedFiles;
    private long evictedBytes;

    public CacheSnapshot Snapshot()
    {
        lock (gate)
        {
            return new CacheSnapshot(bytes, files, evictedFiles, evictedBytes, options.Value.CacheMaxSize, options.Value.CacheMaxAge);
        }
    }

    /// <summary>What a scan found on disk.</summary>
    public void Update(long totalBytes, int fileCount)
    {
        lock (gate)
        {
            bytes = totalBytes;
            files = fileCount;
        }
    }

    /// <summary>One package evicted: it leaves the totals at once, before the next scan.</summary>
    public void RecordEviction(long packageBytes)
    {
        lock (gate)
        {
            evictedFiles++;
            evictedBytes += packageBytes;
            bytes = Math.Max(0, bytes - packageBytes);
            files = Math.Max(0, files - 1);
        }
    }
}
