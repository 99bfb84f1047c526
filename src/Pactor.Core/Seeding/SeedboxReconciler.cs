using Microsoft.Extensions.Logging;
using Pactor.Core.Paths;
using Pactor.Core.Swarm;

namespace Pactor.Core.Seeding;

/// <summary>
/// Makes the client seed exactly the published torrents: loads those it does not hold (whoever loaded the ones it
/// does), each into its package's own folder so the data is checked and seeded in place, and erases, data kept,
/// the downloads this tool loaded under the root whose torrent is no longer published. An unreachable client
/// ends the run (<see cref="TorrentClientException"/>); a refused load or erase is a problem and the rest goes on.
/// </summary>
internal sealed partial class SeedboxReconciler(
    ISeedingClient client, SeedOptions options, SeedTally tally, IProgress<SeedProgress>? progress, ILogger logger)
{
    public async Task ReconcileAsync(IReadOnlyList<SeededDownload> held, string root, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var heldHashes = held.Select(d => d.Hash).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var published = tally.Published.Select(p => p.InfoHash).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var toReload = ToReload(held);
        var toLoad = tally.Published.Where(p => heldHashes.Add(p.InfoHash)).ToList();
        var toErase = held
            .Where(d => d.Label == options.Label
                && roots.Any(r => RealPath.IsInside(d.Directory, r))
                && !published.Contains(d.Hash)
                && !tally.Retained.Contains(d.Hash))
            .ToList();
        var total = toReload.Count + toLoad.Count + toErase.Count;
        var done = 0;

        foreach (var torrent in toReload)
        {
            var relative = TorrentPublisher.Relative(root, torrent.Package.TorrentPath);
            var action = await EraseAsync(new SeededDownload(torrent.InfoHash, options.Label, torrent.Package.Directory), cancellationToken) is null
                ? null
                : await LoadAsync(torrent, cancellationToken);
            progress?.Report(new SeedProgress(SeedStage.Seeding, ++done, total, relative, action));
        }

        foreach (var torrent in toLoad)
        {
            var relative = TorrentPublisher.Relative(root, torrent.Package.TorrentPath);
            var action = await LoadAsync(torrent, cancellationToken);
            progress?.Report(new SeedProgress(SeedStage.Seeding, ++done, total, relative, action));
        }

        foreach (var download in toErase)
        {
            var action = await EraseAsync(download, cancellationToken);
            progress?.Report(new SeedProgress(SeedStage.Seeding, ++done, total, download.Hash, action));
        }
    }

    /// <summary>
    /// Torrents this tool loaded whose download must be erased and loaded again under the same hash: new trackers
    /// (a client announces to the trackers of the torrent it loaded), or a folder that no longer holds the package
    /// (a package moved from testing to core keeps its hash; the old download's file is gone).
    /// </summary>
    private List<PublishedTorrent> ToReload(IReadOnlyList<SeededDownload> held)
    {
        var ours = held.Where(d => d.Label == options.Label).ToDictionary(d => d.Hash, StringComparer.OrdinalIgnoreCase);
        return [.. tally.Published
            .GroupBy(p => p.InfoHash, StringComparer.OrdinalIgnoreCase)
            .Where(same => ours.TryGetValue(same.Key, out var download)
                && (same.Any(p => p.TrackersChanged) || !same.Any(p => p.Package.Directory == download.Directory)))
            .Select(same => same.First())];
    }

    private async Task<SeedAction?> LoadAsync(PublishedTorrent torrent, CancellationToken cancellationToken)
    {
        var path = torrent.Package.TorrentPath;
        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var hash = await client.LoadAsync(bytes, torrent.Package.Directory, options.Label, cancellationToken);
            tally.Loaded++;
            LogLoaded(path, hash);
            return SeedAction.Loaded;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || e is TorrentClientException { IsUnavailable: false })
        {
            tally.Problems.Add(new SeedProblem(path, $"cannot load it: {e.Message}"));
            LogFailed(path, e.Message);
            return null;
        }
    }

    private async Task<SeedAction?> EraseAsync(SeededDownload download, CancellationToken cancellationToken)
    {
        try
        {
            await client.EraseKeepingDataAsync(download.Hash, cancellationToken);
            tally.Erased++;
            LogErased(download.Hash, download.Directory);
            return SeedAction.Erased;
        }
        catch (TorrentClientException e) when (!e.IsUnavailable)
        {
            tally.Problems.Add(new SeedProblem(download.Hash, $"cannot erase the download: {e.Message}"));
            LogFailed(download.Hash, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Torrent} as {Hash}")]
    private partial void LogLoaded(string torrent, string hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased {Hash} in {Directory} (data kept): no longer published")]
    private partial void LogErased(string hash, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot seed {Item}: {Reason}")]
    private partial void LogFailed(string item, string reason);
}
