using System.Collections.Concurrent;
using Pactor.Bencode;
using Pactor.Core.Seeding;
using Pactor.Core.Swarm;

namespace Pactor.Core.Tests.Seeding;

/// <summary>A seedbox client in memory: records every call, in order, and can be unreachable or refuse a load.</summary>
internal sealed class FakeSeedingClient : ISeedingClient
{
    private readonly ConcurrentDictionary<string, SeededDownload> downloads = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Calls { get; } = new();

    public List<(string Name, string Directory, string Label)> Loads { get; } = [];

    public List<string> Erased { get; } = [];

    public bool Unavailable { get; set; }

    /// <summary>Torrent names whose load is refused (as rtorrent refusing a torrent).</summary>
    public HashSet<string> Refused { get; } = [];

    public IReadOnlyCollection<SeededDownload> Downloads => [.. downloads.Values];

    public int ListCalls => Calls.Count(c => c == "list");

    /// <summary>A download someone else put there.</summary>
    public void Add(SeededDownload download) => downloads[download.Hash] = download;

    public Task<IReadOnlyList<SeededDownload>> ListAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        Calls.Enqueue("list");
        return Task.FromResult<IReadOnlyList<SeededDownload>>([.. downloads.Values]);
    }

    public Task<string> LoadAsync(ReadOnlyMemory<byte> torrent, string directory, string label, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        var metainfo = Metainfo.Parse(torrent.Span);
        Calls.Enqueue("load " + metainfo.Name);
        if (Refused.Contains(metainfo.Name))
        {
            throw new TorrentClientException($"rtorrent did not accept torrent {metainfo.InfoHash}", isUnavailable: false);
        }

        Loads.Add((metainfo.Name, directory, label));
        downloads.TryAdd(metainfo.InfoHash, new SeededDownload(metainfo.InfoHash, label, directory));
        return Task.FromResult(metainfo.InfoHash);
    }

    public Task<bool> EraseKeepingDataAsync(string hash, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        Calls.Enqueue("erase " + hash);
        Erased.Add(hash);
        return Task.FromResult(downloads.TryRemove(hash, out _));
    }

    public List<IReadOnlyCollection<string>> Announced { get; } = [];

    public Task<int> AnnounceAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        Calls.Enqueue("announce " + hashes.Count);
        Announced.Add([.. hashes]);
        return Task.FromResult(hashes.Count(downloads.ContainsKey));
    }

    private void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            throw new TorrentClientException("scgi://127.0.0.1:1: connection refused", isUnavailable: true);
        }
    }
}
