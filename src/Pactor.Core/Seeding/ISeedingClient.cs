namespace Pactor.Core.Seeding;

/// <summary>
/// What <see cref="SeedRun"/> needs from the seedbox's BitTorrent client; the rtorrent adapter implements it.
/// Failures are <see cref="Swarm.TorrentClientException"/> (<c>IsUnavailable</c> when the client cannot be reached).
/// </summary>
public interface ISeedingClient
{
    /// <summary>Every download the client holds, whoever loaded it, in one round trip.</summary>
    Task<IReadOnlyList<SeededDownload>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Loads the torrent with its data already in <paramref name="directory"/>, tags it with <paramref name="label"/>
    /// and starts it, so the client hash-checks the files in place and seeds them.
    /// </summary>
    /// <returns>The info hash, 40 upper-case hex digits.</returns>
    Task<string> LoadAsync(ReadOnlyMemory<byte> torrent, string directory, string label, CancellationToken cancellationToken);

    /// <summary>Forgets the download and never touches its data (the files are the mirror's). False when the client did not know it.</summary>
    Task<bool> EraseKeepingDataAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Announces these downloads to their trackers now; returns how many the client knew.</summary>
    Task<int> AnnounceAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken);
}
