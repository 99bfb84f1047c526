using System.Collections.Concurrent;
using Pactor.Bencode;
using Pactor.Core.Swarm;

namespace Pactor.Core.Tests.Support;

/// <summary>
/// A torrent client that holds torrents in memory; the test decides when a download completes
/// (and with which bytes). Counts the calls the mirror makes.
/// </summary>
internal sealed class FakeSwarm : ITorrentClient
{
    private readonly ConcurrentDictionary<string, Entry> downloads = new();
    private int loads;
    private int progressCalls;
    private int announces;

    public int Loads => loads;

    public int ProgressCalls => progressCalls;

    public int Announces => announces;

    public List<string> Erased { get; } = [];

    public bool Unavailable { get; set; }

    public int Peers { get; set; } = 1;

    public Task<string> LoadAsync(ReadOnlyMemory<byte> torrent, string directory, string label, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        var metainfo = Metainfo.Parse(torrent.Span);
        downloads.TryAdd(metainfo.InfoHash, new Entry(metainfo, directory, label));

        // Counted once the torrent is held: a test that sees the load can complete it at once.
        Interlocked.Increment(ref loads);
        return Task.FromResult(metainfo.InfoHash);
    }

    public Task<IReadOnlyDictionary<string, TorrentProgress>> GetProgressAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        Interlocked.Increment(ref progressCalls);
        IReadOnlyDictionary<string, TorrentProgress> result = hashes
            .Where(downloads.ContainsKey)
            .ToDictionary(h => h, h => downloads[h].Progress(Peers));
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<TorrentProgress>> ListAsync(string label, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        IReadOnlyList<TorrentProgress> result = [.. downloads.Values.Where(d => d.Label == label).Select(d => d.Progress(Peers))];
        return Task.FromResult(result);
    }

    public Task AnnounceAsync(string hash, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        Interlocked.Increment(ref announces);
        return Task.CompletedTask;
    }

    public Task EraseAsync(string hash, bool deleteData, CancellationToken cancellationToken)
    {
        if (downloads.TryRemove(hash, out var entry) && deleteData)
        {
            File.Delete(entry.Path);
        }

        lock (Erased)
        {
            Erased.Add(hash);
        }

        return Task.CompletedTask;
    }

    public string HashOf(string fileName) => downloads.Values.Single(d => d.Metainfo.Name == fileName).Metainfo.InfoHash;

    /// <summary>
    /// The swarm has delivered the pieces of <paramref name="content"/> before <paramref name="checkedBytes"/>, written
    /// into the file in place as rtorrent writes them (the rest still zeros); the download reports them checked.
    /// </summary>
    public void Deliver(string fileName, byte[] content, int checkedBytes)
    {
        var entry = downloads.Values.Single(d => d.Metainfo.Name == fileName);
        using (var file = new FileStream(entry.Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            file.SetLength(content.Length);
            file.Write(content, 0, checkedBytes);
        }

        entry.CheckedBytes = checkedBytes;
    }

    /// <summary>The rate the download of <paramref name="fileName"/> reports, bytes per second.</summary>
    public void SetRate(string fileName, long bytesPerSecond) =>
        downloads.Values.Single(d => d.Metainfo.Name == fileName).Rate = bytesPerSecond;

    /// <summary>The swarm delivers <paramref name="content"/> for the torrent named <paramref name="fileName"/>.</summary>
    public void Complete(string fileName, byte[] content)
    {
        var entry = downloads.Values.Single(d => d.Metainfo.Name == fileName);
        File.WriteAllBytes(entry.Path, content);
        entry.IsComplete = true;
    }

    private void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            throw new TorrentClientException("cannot reach rtorrent: connection refused", isUnavailable: true);
        }
    }

    private sealed class Entry(Metainfo metainfo, string directory, string label)
    {
        public Metainfo Metainfo { get; } = metainfo;

        public string Label { get; } = label;

        public string Path => System.IO.Path.Combine(directory, Metainfo.Name);

        public bool IsComplete { get; set; }

        public long CheckedBytes { get; set; }

        public long Rate { get; set; }

        public TorrentProgress Progress(int peers) => new(
            Metainfo.InfoHash, Metainfo.Name, IsComplete, IsComplete ? Metainfo.TotalLength : CheckedBytes, Metainfo.TotalLength,
            peers, 0, IsComplete ? 0 : Rate, Path, null)
        {
            VerifiedPrefixBytes = IsComplete ? Metainfo.TotalLength : CheckedBytes,
        };
    }
}
