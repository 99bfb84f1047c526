using Pactor.Core.Swarm;

namespace Pactor.Hosting;

/// <summary>
/// Stands in for the rtorrent adapter until it is registered in <see cref="TorrentClientRegistration"/>:
/// every call reports the client unavailable, so the mirror serves databases and signatures and sends
/// package requests to the upstream at once, as it does when rtorrent is down.
/// </summary>
public sealed class UnwiredTorrentClient : ITorrentClient
{
    private const string Reason = "the rtorrent adapter is not wired into pactor serve yet";

    public Task<string> LoadAsync(ReadOnlyMemory<byte> torrent, string directory, string label, CancellationToken cancellationToken) =>
        Task.FromException<string>(Unavailable());

    public Task<IReadOnlyDictionary<string, TorrentProgress>> GetProgressAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        Task.FromException<IReadOnlyDictionary<string, TorrentProgress>>(Unavailable());

    public Task<IReadOnlyList<TorrentProgress>> ListAsync(string label, CancellationToken cancellationToken) =>
        Task.FromException<IReadOnlyList<TorrentProgress>>(Unavailable());

    public Task AnnounceAsync(string hash, CancellationToken cancellationToken) => Task.FromException(Unavailable());

    public Task EraseAsync(string hash, bool deleteData, CancellationToken cancellationToken) => Task.FromException(Unavailable());

    private static TorrentClientException Unavailable() => new(Reason, isUnavailable: true);
}
