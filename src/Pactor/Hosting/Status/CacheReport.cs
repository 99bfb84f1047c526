using Pactor.Core.Store;

namespace Pactor.Hosting.Status;

/// <summary>The package cache at its last scan, evictions since start, and the limits (null: none).</summary>
public sealed record CacheReport(long Bytes, int Files, long EvictedFiles, long EvictedBytes, long? MaxBytes, double? MaxAgeSeconds)
{
    public static CacheReport From(CacheSnapshot cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return new(cache.Bytes, cache.Files, cache.EvictedFiles, cache.EvictedBytes, cache.MaxBytes, cache.MaxAge?.TotalSeconds);
    }
}
