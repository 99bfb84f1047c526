using Pactor.Core.Seeding;
using Pactor.Core.Swarm;

namespace Pactor.RTorrent;

/// <summary>
/// The seeding core's <see cref="ISeedingClient"/> over rtorrent: a load places the data with a typed
/// <c>d.directory.set</c> and starts the download, so rtorrent hash-checks the files where they are; an erase
/// never deletes data. rtorrent's exceptions become <see cref="TorrentClientException"/> (unreachable →
/// <see cref="TorrentClientException.IsUnavailable"/>).
/// </summary>
public sealed class RTorrentSeedingClient(IRTorrentClient rtorrent) : ISeedingClient
{
    public Task<IReadOnlyList<SeededDownload>> ListAsync(CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate<IReadOnlyList<SeededDownload>>(async () =>
            [.. (await rtorrent.ListAsync(cancellationToken)).Select(s => new SeededDownload(s.Hash, s.Label, s.Directory, s.IsComplete))]);

    public Task<string> LoadAsync(ReadOnlyMemory<byte> torrent, string directory, string label, CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate(() => rtorrent.LoadAsync(torrent, new TorrentLoadOptions { Directory = directory, Label = label, Start = true }, cancellationToken));

    public Task<bool> EraseKeepingDataAsync(string hash, CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate(() => rtorrent.EraseAsync(hash, deleteData: false, cancellationToken));

    public Task<int> AnnounceAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate(() => rtorrent.AnnounceAsync(hashes, cancellationToken));
}
