using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Database;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Swarm;

namespace Pactor.Core.Store;

/// <summary>
/// Keeps the verified packages within <see cref="MirrorOptions.CacheMaxSize"/> and
/// <see cref="MirrorOptions.CacheMaxAge"/>: packages no longer in their repo database go first, then
/// the least recently requested. A package is erased from the torrent client with its data, then its
/// marker, file and signature copy are deleted. Packages leased (being served or verified) or
/// downloading are left for a later scan. Downloads in progress do not count toward the size.
/// </summary>
public sealed partial class CacheEvictor(
    PackageStore store,
    CacheLayout layout,
    RepoDatabaseIndex databases,
    DownloadCoordinator downloads,
    RequestRecency recency,
    ITorrentClient client,
    CacheStatistics statistics,
    TimeProvider time,
    IOptions<MirrorOptions> options,
    ILogger<CacheEvictor> logger)
{
    /// <summary>One scan: refreshes <see cref="CacheStatistics"/> and evicts what is over the limits; returns how many packages went.</summary>
    public async Task<int> EvictAsync(CancellationToken cancellationToken)
    {
        var cached = store.EnumerateCached().ToList();
        var total = cached.Sum(p => p.Bytes);
        statistics.Update(total, cached.Count);
        var now = time.GetUtcNow();
        var (maxSize, maxAge) = (options.Value.CacheMaxSize, options.Value.CacheMaxAge);
        bool TooOld(CachedPackage package) => now - package.LastRequested > maxAge;
        if (!(total > maxSize) && !cached.Any(TooOld))
        {
            return 0;
        }

        IReadOnlyDictionary<string, string> hashes;
        try
        {
            hashes = await TorrentHashesAsync(cancellationToken);
        }
        catch (TorrentClientException e)
        {
            // Deleting data a torrent client may still seed is not done blind: the next scan tries again.
            LogClientUnavailable(e.Message);
            return 0;
        }

        var downloading = downloads.InFlight.Select(d => d.File.RelativePath).ToHashSet(StringComparer.Ordinal);
        var order = cached
            .Select(package => (Package: package, Orphan: IsOrphan(package.File)))
            .OrderByDescending(c => c.Orphan)
            .ThenBy(c => c.Package.LastRequested)
            .ThenBy(c => c.Package.File.RelativePath, StringComparer.Ordinal);
        var evicted = 0;
        foreach (var (package, orphan) in order)
        {
            var reason = total > maxSize ? (orphan ? $"over {maxSize} bytes, not in the repo database" : $"over {maxSize} bytes")
                : TooOld(package) ? $"not requested for {maxAge}"
                : null;
            if (reason is null)
            {
                continue;
            }

            if (downloading.Contains(package.File.RelativePath))
            {
                LogKept(package.File.RelativePath, "downloading");
            }
            else if (await EvictOneAsync(package, hashes.GetValueOrDefault(package.File.RelativePath), reason, cancellationToken))
            {
                total -= package.Bytes;
                evicted++;
            }
        }

        return evicted;
    }

    private async Task<bool> EvictOneAsync(CachedPackage package, string? hash, string reason, CancellationToken cancellationToken)
    {
        var file = package.File;
        if (!store.Leases.TryBeginEviction(file))
        {
            LogKept(file.RelativePath, "in use");
            return false;
        }

        try
        {
            // A request that found no usable copy may have started a download since the scan began.
            if (downloads.InFlight.Any(d => d.File.RelativePath == file.RelativePath))
            {
                LogKept(file.RelativePath, "downloading");
                return false;
            }

            if (hash is not null)
            {
                await client.EraseAsync(hash, deleteData: true, cancellationToken);
            }

            store.Remove(file);
            var signature = layout.UpstreamCopyPath(file with { FileName = file.FileName + ".sig", Kind = MirrorFileKind.PackageSignature });
            if (File.Exists(signature))
            {
                File.Delete(signature);
            }

            recency.Forget(file);
            statistics.RecordEviction(package.Bytes);
            LogEvicted(file.RelativePath, package.Bytes, package.LastRequested, reason);
            return true;
        }
        catch (TorrentClientException e)
        {
            LogEvictionFailed(file.RelativePath, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogEvictionFailed(file.RelativePath, e.Message);
            return false;
        }
        finally
        {
            store.Leases.EndEviction(file);
        }
    }

    // Not in the database pactor holds for its repo, or no longer matching it: no request will be served from it.
    private bool IsOrphan(MirrorFile file) => databases.Find(file) is not { } entry || store.FindVerified(file, entry) is null;

    /// <summary>The torrent client's downloads of pactor's packages, by package path.</summary>
    private async Task<IReadOnlyDictionary<string, string>> TorrentHashesAsync(CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var download in await client.ListAsync(options.Value.Label, cancellationToken))
        {
            if (download.BasePath is not null && layout.PackageAt(download.BasePath) is { } file)
            {
                hashes[file.RelativePath] = download.Hash;
            }
        }

        return hashes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted {File} ({Bytes} bytes, last requested {LastRequested:u}): {Reason}")]
    private partial void LogEvicted(string file, long bytes, DateTimeOffset lastRequested, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kept {File} over the cache limits: {Why}")]
    private partial void LogKept(string file, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not evict {File}: {Reason}")]
    private partial void LogEvictionFailed(string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache over its limits, but the torrent client cannot list pactor's downloads: {Reason}")]
    private partial void LogClientUnavailable(string reason);
}
