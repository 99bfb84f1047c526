using System.Collections.Concurrent;
using Pactor.Bencode;
using Pactor.Core.Swarm;

namespace Pactor.Browser.Tests;

/// <summary>
/// A torrent client whose downloads fill up evenly over <paramref name="duration"/> of real time, with a few
/// peers, then hold the published bytes: slow enough for a person (or a browser) to watch the progress bar.
/// </summary>
internal sealed class GradualSwarm(TimeSpan duration, TimeProvider time) : ITorrentClient
{
    private readonly ConcurrentDictionary<string, byte[]> published = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Download> downloads = new(StringComparer.Ordinal);

    public const int PeerCount = 3;

    /// <summary>What the swarm delivers for the torrent named <paramref name="fileName"/>.</summary>
    public void Publish(string fileName, byte[] content) => published[fileName] = content;

    public Task<string> LoadAsync(ReadOnlyMemory<byte> torrent, string directory, string label, CancellationToken cancellationToken)
    {
        var metainfo = Metainfo.Parse(torrent.Span);
        downloads.TryAdd(metainfo.InfoHash, new Download(metainfo, Path.Combine(directory, metainfo.Name), label, time.GetTimestamp()));
        return Task.FromResult(metainfo.InfoHash);
    }

    public async Task<IReadOnlyDictionary<string, TorrentProgress>> GetProgressAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, TorrentProgress>(StringComparer.Ordinal);
        foreach (var hash in hashes)
        {
            if (downloads.TryGetValue(hash, out var download))
            {
                result[hash] = await ProgressAsync(download, cancellationToken);
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<TorrentProgress>> ListAsync(string label, CancellationToken cancellationToken)
    {
        var result = new List<TorrentProgress>();
        foreach (var download in downloads.Values.Where(d => d.Label == label))
        {
            result.Add(await ProgressAsync(download, cancellationToken));
        }

        return result;
    }

    public Task AnnounceAsync(string hash, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EraseAsync(string hash, bool deleteData, CancellationToken cancellationToken)
    {
        downloads.TryRemove(hash, out _);
        return Task.CompletedTask;
    }

    private async Task<TorrentProgress> ProgressAsync(Download download, CancellationToken cancellationToken)
    {
        var size = download.Metainfo.TotalLength;
        var fraction = Math.Min(1, time.GetElapsedTime(download.Loaded) / duration);
        var complete = fraction >= 1;
        if (complete && !File.Exists(download.Path))
        {
            await File.WriteAllBytesAsync(download.Path, published[download.Metainfo.Name], cancellationToken);
        }

        return new TorrentProgress(
            download.Metainfo.InfoHash, download.Metainfo.Name, complete, (long)(size * fraction), size,
            PeerCount, 0, complete ? 0 : (long)(size / duration.TotalSeconds), download.Path, null);
    }

    private sealed record Download(Metainfo Metainfo, string Path, string Label, long Loaded);
}
