using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Database;
using Pactor.Core.Mirror;
using Pactor.Core.Store;

namespace Pactor.Core.Swarm;

/// <summary>
/// After a restart: takes over pactor's downloads the torrent client still has, so that nothing is
/// downloaded twice. Unfinished ones are adopted by the coordinator; finished ones that were never
/// verified are verified now (a mismatch is erased with its data). First of all the public tree is made to link
/// exactly the verified packages again (whatever a crash left behind).
/// </summary>
public sealed partial class SwarmRecovery(
    ITorrentClient client,
    DownloadCoordinator coordinator,
    DownloadVerifier verifier,
    RepoDatabaseIndex databases,
    PackageStore store,
    CacheLayout layout,
    IOptions<MirrorOptions> options,
    ILogger<SwarmRecovery> logger)
{
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        SyncPublicTree();
        var known = await client.ListAsync(options.Value.Label, cancellationToken);
        var adopted = 0;
        foreach (var download in known)
        {
            if (download.BasePath is null || layout.PackageAt(download.BasePath) is not { } file
                || databases.Find(file) is not { } entry)
            {
                continue;
            }

            if (!download.IsComplete)
            {
                coordinator.Adopt(file, entry, download.Hash);
                adopted++;
            }
            else if (store.FindVerified(file, entry) is null)
            {
                await verifier.VerifyOrEraseAsync(file, entry, download.Hash, prefix: null, cancellationToken);
            }
        }

        LogRecovered(known.Count, adopted);
        return adopted;
    }

    private void SyncPublicTree()
    {
        try
        {
            var (withdrawn, published) = store.SyncPublic(databases.Find);
            LogPublicTree(withdrawn, published);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogPublicTreeFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Public tree: {Withdrawn} stale entries removed, {Published} verified packages linked")]
    private partial void LogPublicTree(int withdrawn, int published);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not bring the public tree up to date: {Reason}")]
    private partial void LogPublicTreeFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The torrent client holds {Count} of pactor's downloads; {Adopted} still in flight")]
    private partial void LogRecovered(int count, int adopted);
}
