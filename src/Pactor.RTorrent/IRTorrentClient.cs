namespace Pactor.RTorrent;

/// <summary>
/// Typed calls to one rtorrent. Every method may throw <see cref="RTorrentUnreachableException"/> (after
/// retries, where the call is safe to repeat), <see cref="RTorrentFaultException"/> or
/// <see cref="RTorrentProtocolException"/>; info-hash arguments must be 40 hex digits (any case).
/// </summary>
public interface IRTorrentClient
{
    /// <summary>rtorrent's and libtorrent's versions, in one round trip: the cheapest "is it there" check.</summary>
    Task<RTorrentVersion> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Every download in rtorrent's main view, in one round trip.</summary>
    Task<IReadOnlyList<DownloadStatus>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The given downloads, keyed by upper-case hash, in one <c>system.multicall</c> round trip per 100 hashes.
    /// Hashes rtorrent does not know are absent from the result, not an error.
    /// </summary>
    Task<IReadOnlyDictionary<string, DownloadStatus>> GetStatusAsync(IReadOnlyCollection<string> infoHashes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads a torrent (unless its hash is already loaded, which is left as it is), sets its directory,
    /// label and priority, and starts it if asked. Returns the upper-case info hash.
    /// </summary>
    /// <exception cref="TorrentLoadException">The bytes are not a valid torrent (nothing is sent), or rtorrent never listed it.</exception>
    Task<string> LoadAsync(ReadOnlyMemory<byte> torrentBytes, TorrentLoadOptions options, CancellationToken cancellationToken = default);

    /// <summary>Announces to the trackers now (<c>d.tracker_announce</c>), e.g. for a download that loaded before any seeder announced.</summary>
    Task AnnounceAsync(string infoHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Announces each of these downloads now, in one <c>system.multicall</c> round trip per 100 hashes; hashes
    /// rtorrent does not know are passed over. Returns how many it announced.
    /// </summary>
    Task<int> AnnounceAsync(IReadOnlyCollection<string> infoHashes, CancellationToken cancellationToken = default);

    Task StartAsync(string infoHash, CancellationToken cancellationToken = default);

    /// <summary>Stops the download and closes its files (<c>d.stop</c>, <c>d.close</c>).</summary>
    Task StopAsync(string infoHash, CancellationToken cancellationToken = default);

    /// <summary>Re-checks the data on disk (<c>d.check_hash</c>).</summary>
    Task CheckHashAsync(string infoHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the download from rtorrent; with <paramref name="deleteData"/> also deletes its file or folder
    /// (only DIRECTORY/NAME of that download, and only on this machine's file system).
    /// Returns false when rtorrent did not know the hash (nothing deleted).
    /// </summary>
    /// <exception cref="InvalidOperationException">The data path rtorrent reports is not safe to delete; nothing was erased.</exception>
    Task<bool> EraseAsync(string infoHash, bool deleteData, CancellationToken cancellationToken = default);
}
