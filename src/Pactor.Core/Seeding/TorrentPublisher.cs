using Microsoft.Extensions.Logging;
using Pactor.Bencode;

namespace Pactor.Core.Seeding;

/// <summary>
/// Brings the torrents of a scanned tree up to date: writes <c>FILE.torrent</c> next to each package whose torrent
/// is missing or stale (deterministic bytes, atomic write, the package's modification time) and deletes torrents
/// whose package is gone. A package that cannot be read is a problem; the others go on.
/// </summary>
internal sealed partial class TorrentPublisher(SeedOptions options, SeedTally tally, IProgress<SeedProgress>? progress, ILogger logger)
{
    public async Task PublishAsync(MirrorTreeScan scan, string root, CancellationToken cancellationToken)
    {
        var stale = new List<(PackageFileEntry Package, TorrentCreateOptions Options, string Reason, Metainfo? Existing)>();
        foreach (var package in scan.Packages)
        {
            var expected = OptionsFor(package);
            var reason = TorrentFreshness.Check(package, expected, out var existing);
            if (reason is null)
            {
                tally.Unchanged++;
                tally.Published.Add(new PublishedTorrent(package, existing!.InfoHash));
            }
            else
            {
                stale.Add((package, expected, reason, existing));
            }
        }

        var orphans = scan.Torrents.Where(torrent => !File.Exists(torrent[..^".torrent".Length])).ToList();
        var total = stale.Count + orphans.Count;
        var done = 0;
        foreach (var (package, expected, reason, existing) in stale)
        {
            var relative = Relative(root, package.TorrentPath);
            progress?.Report(new SeedProgress(SeedStage.Publishing, done, total, relative, Action: null));
            var action = await WriteAsync(package, expected, reason, existing, cancellationToken);
            progress?.Report(new SeedProgress(SeedStage.Publishing, ++done, total, relative, action));
        }

        foreach (var orphan in orphans)
        {
            var action = Remove(orphan);
            progress?.Report(new SeedProgress(SeedStage.Publishing, ++done, total, Relative(root, orphan), action));
        }
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private TorrentCreateOptions OptionsFor(PackageFileEntry package) => new()
    {
        Announce = options.Announce,
        WebSeeds = options.WebSeed is { } template ? [template.For(package.File).AbsoluteUri] : [],
        Name = package.File.FileName,
    };

    private async Task<SeedAction?> WriteAsync(
        PackageFileEntry package, TorrentCreateOptions expected, string reason, Metainfo? existing, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await TorrentCreator.CreateAsync(package.Path, expected, progress: null, cancellationToken);
            var written = Metainfo.Parse(bytes);
            var hash = written.InfoHash;
            await AtomicFileWriter.WriteAsync(package.TorrentPath, bytes, package.LastWriteUtc, cancellationToken);
            var trackersChanged = existing is not null && existing.InfoHash == hash && !existing.Trackers.SequenceEqual(written.Trackers);
            tally.Published.Add(new PublishedTorrent(package, hash, trackersChanged));
            if (reason == TorrentFreshness.Missing)
            {
                tally.Created++;
                LogCreated(package.TorrentPath, hash);
                return SeedAction.Created;
            }

            tally.Refreshed++;
            LogRefreshed(package.TorrentPath, reason, hash);
            return SeedAction.Refreshed;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && !File.Exists(package.Path))
        {
            // Deleted by a sync since the scan: not a problem, the next scan removes its torrent.
            LogVanished(package.Path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            if (existing is not null)
            {
                tally.Retained.Add(existing.InfoHash);
            }

            tally.Problems.Add(new SeedProblem(package.Path, $"cannot make its torrent: {e.Message}"));
            LogFailed(package.Path, e.Message);
            return null;
        }
    }

    private SeedAction? Remove(string torrent)
    {
        try
        {
            File.Delete(torrent);
            tally.Removed++;
            LogRemoved(torrent);
            return SeedAction.Removed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            tally.Problems.Add(new SeedProblem(torrent, $"cannot remove it: {e.Message}"));
            LogFailed(torrent, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Torrent} ({Hash})")]
    private partial void LogCreated(string torrent, string hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed {Torrent}: {Reason} ({Hash})")]
    private partial void LogRefreshed(string torrent, string reason, string hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Torrent}: its package is gone")]
    private partial void LogRemoved(string torrent);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} vanished while its torrent was made")]
    private partial void LogVanished(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot publish {Path}: {Reason}")]
    private partial void LogFailed(string path, string reason);
}
