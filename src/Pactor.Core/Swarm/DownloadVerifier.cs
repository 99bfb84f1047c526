using Microsoft.Extensions.Logging;
using Pactor.Core.Database;
using Pactor.Core.Paths;
using Pactor.Core.Store;

namespace Pactor.Core.Swarm;

/// <summary>
/// Checks a finished download against its repo database entry (<see cref="PackageStore.VerifyAsync(MirrorFile, PackageEntry, PrefixHasher?, CancellationToken)"/>);
/// a file that does not match is erased from the torrent client with its data and forgotten, so it is never served
/// or seeded. For the poller when a download completes, and for recovery when one completed while pactor was down.
/// </summary>
public sealed partial class DownloadVerifier(ITorrentClient client, PackageStore store, ILogger<DownloadVerifier> logger)
{
    /// <exception cref="TorrentClientException">Erasing a mismatch failed (the file is forgotten all the same by the caller).</exception>
    public async Task<VerificationResult> VerifyOrEraseAsync(
        MirrorFile file, PackageEntry entry, string hash, PrefixHasher? prefix, CancellationToken cancellationToken)
    {
        var result = await store.VerifyAsync(file, entry, prefix, cancellationToken);
        if (!result.IsValid)
        {
            LogMismatch(file.RelativePath, result.Problem!);
            await client.EraseAsync(hash, deleteData: true, cancellationToken);
            store.Remove(file);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} does not match the repo database, erased with its data: {Problem}")]
    private partial void LogMismatch(string file, string problem);
}
