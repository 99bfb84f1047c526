namespace Pactor.Core.Seeding;

/// <summary>When <see cref="SeedWatcher"/> scans again.</summary>
public sealed record SeedWatchOptions
{
    /// <summary>Quiet time after the last change before a scan: a mirror sync changes many files in a burst.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A tree that never goes quiet (a long sync) is still scanned this long after its first change.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A full scan this long after the last one even without a change event: events can be lost (inotify queue
    /// overflow, network file systems), and the client may have lost downloads.
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(60);
}
