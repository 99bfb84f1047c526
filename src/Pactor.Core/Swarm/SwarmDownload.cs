using Pactor.Core.Database;
using Pactor.Core.Paths;

namespace Pactor.Core.Swarm;

/// <summary>One package being fetched from the swarm; every request for it shares this object.</summary>
public sealed class SwarmDownload(MirrorFile file, PackageEntry entry, DateTimeOffset startedAt)
{
    private readonly TaskCompletionSource<DownloadOutcome> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MirrorFile File { get; } = file;

    public PackageEntry Entry { get; } = entry;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The info hash, once the torrent client has the torrent.</summary>
    public string? Hash { get; internal set; }

    public TorrentProgress? Progress { get; internal set; }

    /// <summary>When pactor last asked the tracker for peers (the load counts as one).</summary>
    public DateTimeOffset LastAnnounce { get; internal set; } = startedAt;

    /// <summary>Re-announces sent so far; each waits twice as long as the one before.</summary>
    public int Announces { get; internal set; }

    /// <summary>Set once the client reports it complete: polling stops, verification runs.</summary>
    public bool IsVerifying { get; internal set; }

    public Task<DownloadOutcome> Completion => completion.Task;

    private int waiters;
    private int ended;

    /// <summary>Requests waiting on this download right now.</summary>
    public int Waiters => Volatile.Read(ref waiters);

    /// <summary>Waits for the outcome as one more waiting request.</summary>
    public async Task<DownloadOutcome> WaitAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref waiters);
        try
        {
            return await completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiters);
        }
    }

    /// <summary>True for the one caller that ends this download; it then calls <see cref="Complete"/>.</summary>
    internal bool TryEnd() => Interlocked.Exchange(ref ended, 1) == 0;

    internal void Complete(DownloadOutcome outcome) => completion.SetResult(outcome);
}
