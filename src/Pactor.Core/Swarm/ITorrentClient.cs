namespace Pactor.Core.Swarm;

/// <summary>What the mirror needs from a BitTorrent client; the rtorrent adapter implements it.</summary>
public interface ITorrentClient
{
    /// <summary>Loads a torrent (or finds it already loaded) into <paramref name="directory"/> and starts it.</summary>
    /// <returns>The info hash, 40 upper-case hex digits.</returns>
    Task<string> LoadAsync(ReadOnlyMemory<byte> torrent, string directory, string label, CancellationToken cancellationToken);

    /// <summary>Progress of many downloads in one round trip; hashes the client does not know are absent.</summary>
    Task<IReadOnlyDictionary<string, TorrentProgress>> GetProgressAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken);

    /// <summary>Every download carrying <paramref name="label"/>, for recovery after a restart.</summary>
    Task<IReadOnlyList<TorrentProgress>> ListAsync(string label, CancellationToken cancellationToken);

    Task AnnounceAsync(string hash, CancellationToken cancellationToken);

    Task EraseAsync(string hash, bool deleteData, CancellationToken cancellationToken);
}
