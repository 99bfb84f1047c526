namespace Pactor.Core.Store;

/// <summary>
/// The package cache at the last eviction scan: <paramref name="Bytes"/> and <paramref name="Files"/> under
/// <c>packages/</c>, evictions since start, and the configured limits (null: no limit).
/// </summary>
public sealed record CacheSnapshot(long Bytes, int Files, long EvictedFiles, long EvictedBytes, long? MaxBytes, TimeSpan? MaxAge);
