using Pactor.Core.Swarm;

namespace Pactor.RTorrent;

/// <summary>
/// The mirror core's <see cref="ITorrentClient"/> over rtorrent: maps rtorrent's statuses to
/// <see cref="TorrentProgress"/> and its exceptions to <see cref="TorrentClientException"/>
/// (unreachable → <see cref="TorrentClientException.IsUnavailable"/>).
/// </summary>
public sealed class RTorrentSwarmClient(IRTorrentClient rtorrent) : ITorrentClient
{
    public Task<string> LoadAsync(ReadOnlyMemory<byte> torrent, string directory, string label, CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate(() => rtorrent.LoadAsync(torrent, new TorrentLoadOptions { Directory = directory, Label = label, Start = true }, cancellationToken));

    public Task<IReadOnlyDictionary<string, TorrentProgress>> GetProgressAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate<IReadOnlyDictionary<string, TorrentProgress>>(async () =>
        {
            var statuses = await rtorrent.GetStatusAsync(hashes, cancellationToken);
            return statuses.ToDictionary(s => s.Key, s => ToProgress(s.Value), StringComparer.OrdinalIgnoreCase);
        });

    public Task<IReadOnlyList<TorrentProgress>> ListAsync(string label, CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate<IReadOnlyList<TorrentProgress>>(async () =>
            [.. (await rtorrent.ListAsync(cancellationToken)).Where(s => s.Label == label).Select(ToProgress)]);

    public Task AnnounceAsync(string hash, CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate(async () =>
        {
            await rtorrent.AnnounceAsync(hash, cancellationToken);
            return true;
        });

    public Task EraseAsync(string hash, bool deleteData, CancellationToken cancellationToken) =>
        CoreExceptionTranslation.Translate(() => rtorrent.EraseAsync(hash, deleteData, cancellationToken));

    private static TorrentProgress ToProgress(DownloadStatus status) => new(
        status.Hash,
        status.Name,
        status.IsComplete,
        status.CompletedBytes,
        status.SizeBytes,
        status.PeersConnected,
        status.UploadedBytes,
        status.DownRate,
        DataPath(status),
        string.IsNullOrEmpty(status.Message) ? null : status.Message)
    {
        VerifiedPrefixBytes = status.CheckedPrefixBytes,
    };

    // d.base_path stays empty until rtorrent first opens the files; a single-file download's file is DIRECTORY/NAME.
    private static string? DataPath(DownloadStatus status) =>
        status.BasePath.Length > 0 ? status.BasePath
        : status.Directory.Length > 0 ? Path.Combine(status.Directory, status.Name)
        : null;
}
