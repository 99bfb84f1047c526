using Pactor.Core.Database;
using Pactor.Core.Paths;
using Pactor.Core.Store;

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

    private readonly Lock prefixGate = new();
    private PrefixHasher? prefix;
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

    /// <summary>The SHA-256 of the file's checked leading pieces, hashed while the download runs; null before the first piece.</summary>
    internal PrefixHasher? Prefix
    {
        get
        {
            lock (prefixGate)
            {
                return prefix;
            }
        }
    }

    /// <summary>The prefix hasher, made by <paramref name="create"/> on first use; null once the download has ended.</summary>
    internal PrefixHasher? GetOrCreatePrefix(Func<PrefixHasher> create)
    {
        lock (prefixGate)
        {
            return Volatile.Read(ref ended) == 1 ? null : prefix ??= create();
        }
    }

    /// <summary>True for the one caller that ends this download; it then calls <see cref="Complete"/>.</summary>
    internal bool TryEnd() => Interlocked.Exchange(ref ended, 1) == 0;

    /// <summary>Hands out the outcome; the prefix hash goes, whatever the outcome (after <see cref="TryEnd"/> no new one is made).</summary>
    internal void Complete(DownloadOutcome outcome)
    {
        lock (prefixGate)
        {
            prefix?.Dispose();
        }

        completion.SetResult(outcome);
    }
}
