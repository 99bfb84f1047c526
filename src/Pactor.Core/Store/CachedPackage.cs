using Pactor.Core.Paths;

namespace Pactor.Core.Store;

/// <summary>A verified package on disk: its size and when it was last requested (its marker's modification time).</summary>
public sealed record CachedPackage(MirrorFile File, long Bytes, DateTimeOffset LastRequested);
