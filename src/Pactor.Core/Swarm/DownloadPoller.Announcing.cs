using Microsoft.Extensions.Logging;

namespace Pactor.Core.Swarm;

/// <summary>
/// The poller's announces: peerless downloads re-announced at growing intervals, and a verified one announced once as
/// a seeder.
/// </summary>
public sealed partial class DownloadPoller
{
    private async Task AnnounceIfPeerlessAsync(SwarmDownload download, TorrentProgress status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (status.Peers > 0 || now - download.LastAnnounce < AnnounceInterval(download.Announces))
        {
            return;
        }

        download.LastAnnounce = now;
        download.Announces++;
        try
        {
            await client.AnnounceAsync(download.Hash!, cancellationToken);
            LogAnnounced(download.File.RelativePath);
        }
        catch (TorrentClientException e)
        {
            LogAnnounceFailed(download.File.RelativePath, e.Message);
        }
    }

    /// <summary>
    /// rtorrent 0.9.8 with <c>pieces.hash.on_completion</c> (both shipped rc templates) sends no <c>completed</c> announce:
    /// without this the tracker lists the finished download as a leecher until its next announce, up to 30 min later.
    /// </summary>
    private async Task AnnounceSeedingAsync(SwarmDownload download)
    {
        try
        {
            await client.AnnounceAsync(download.Hash!, CancellationToken.None);
        }
        catch (TorrentClientException e)
        {
            // It stays listed as a leecher until rtorrent's own next announce; peers still get its pieces.
            LogAnnounceFailed(download.File.RelativePath, e.Message);
        }
    }

    // 1 s, 2 s, 4 s … up to MaxAnnounceInterval: quick help for a late seeder, no announce storm for a torrent nobody seeds.
    private TimeSpan AnnounceInterval(int announces) =>
        TimeSpan.FromTicks(Math.Min(options.Value.AnnounceAfter.Ticks << Math.Min(announces, 16), MaxAnnounceInterval.Ticks));

    private static readonly TimeSpan MaxAnnounceInterval = TimeSpan.FromMinutes(2);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-announced {File}: no peers yet")]
    private partial void LogAnnounced(string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-announcing {File} failed: {Reason}")]
    private partial void LogAnnounceFailed(string file, string reason);
}
