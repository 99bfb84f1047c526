using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Store;

namespace Pactor.Core.Swarm;

/// <summary>
/// Drives every in-flight download with one status round trip per tick, whatever the number of
/// waiting requests: re-announces peerless downloads, verifies complete ones against the repo
/// database (a mismatch is erased with its data and never served).
/// </summary>
public sealed partial class DownloadPoller(
    DownloadCoordinator coordinator,
    ITorrentClient client,
    DownloadVerifier verifier,
    PackageStore store,
    TimeProvider time,
    IOptions<MirrorOptions> options,
    ILogger<DownloadPoller> logger)
{
    /// <summary>
    /// Polls every <see cref="MirrorOptions.PollInterval"/> while a request waits or may still wait (rtorrent 0.9.8 also
    /// finishes a download only when something wakes it: the poll is part of its speed), every
    /// <see cref="MirrorOptions.BackgroundPollInterval"/> when only downloads nobody waits for are left (older than
    /// <see cref="MirrorOptions.HedgeAfter"/>, their requests answered by a fallback),
    /// and not at all when nothing is in flight.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wakeup = coordinator.Wakeup;
            if (NextPause() is not { } pause)
            {
                // A download just loaded: look at once (an early poll also wakes rtorrent, see above).
                await wakeup.WaitAsync(cancellationToken);
                await PollOnceAsync(cancellationToken);
                continue;
            }

            var delay = Task.Delay(pause, time, cancellationToken);
            if (pause > options.Value.PollInterval)
            {
                // At the slow pace, a request that joins (or a new download) must not wait for the next tick.
                await Task.WhenAny(delay, wakeup);
                cancellationToken.ThrowIfCancellationRequested();
            }
            else
            {
                await delay;
            }

            await PollOnceAsync(cancellationToken);
        }
    }

    /// <summary>How long to wait before the next poll; null when there is nothing to poll.</summary>
    public TimeSpan? NextPause()
    {
        var polled = false;
        var now = time.GetUtcNow();
        foreach (var download in coordinator.InFlight)
        {
            if (download.Hash is null || download.IsVerifying)
            {
                continue;
            }

            // Young downloads count as waited for: the request that started one may not be waiting yet.
            if (download.Waiters > 0 || now - download.StartedAt < options.Value.HedgeAfter)
            {
                return options.Value.PollInterval;
            }

            polled = true;
        }

        return polled ? options.Value.BackgroundPollInterval : null;
    }

    /// <summary>One tick: at most one status call to the torrent client.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var polled = coordinator.InFlight.Where(d => d.Hash is not null && !d.IsVerifying).ToList();
        if (polled.Count == 0)
        {
            return;
        }

        IReadOnlyDictionary<string, TorrentProgress> progress;
        try
        {
            progress = await client.GetProgressAsync([.. polled.Select(d => d.Hash!)], cancellationToken);
        }
        catch (TorrentClientException e)
        {
            LogPollFailed(polled.Count, e.Message);
            if (e.IsUnavailable)
            {
                // Waiters fall back at once; the client keeps its torrents, and a later load finds them.
                foreach (var download in polled)
                {
                    coordinator.Finish(download, DownloadOutcome.Failed($"torrent client unavailable: {e.Message}", clientUnavailable: true));
                }
            }

            return;
        }

        foreach (var download in polled)
        {
            if (!progress.TryGetValue(download.Hash!, out var status))
            {
                coordinator.Finish(download, DownloadOutcome.Failed("the torrent client no longer has the download"));
            }
            else if (status.IsComplete)
            {
                download.Progress = status;
                download.IsVerifying = true;
                _ = VerifyAsync(download);
            }
            else
            {
                download.Progress = status;
                AdvancePrefix(download, status);
                await AnnounceIfPeerlessAsync(download, status, cancellationToken);
            }
        }
    }

    // Hashes what the client has checked while the rest downloads, so verification hashes only the tail. The
    // tick never waits for it: an advance runs in the background, the next tick starts another once it is done.
    private void AdvancePrefix(SwarmDownload download, TorrentProgress status)
    {
        var upTo = Math.Min(status.VerifiedPrefixBytes, download.Entry.CompressedSize);
        if (upTo > 0 && download.GetOrCreatePrefix(() => new PrefixHasher(store.PathOf(download.File))) is { } prefix)
        {
            _ = prefix.AdvanceAsync(upTo);
        }
    }

    private async Task VerifyAsync(SwarmDownload download)
    {
        try
        {
            var result = await verifier.VerifyOrEraseAsync(download.File, download.Entry, download.Hash!, download.Prefix, CancellationToken.None);
            if (result.IsValid)
            {
                LogVerified(download.File.RelativePath, (time.GetUtcNow() - download.StartedAt).TotalMilliseconds);
                coordinator.Finish(download, DownloadOutcome.Verified(store.PathOf(download.File)));
                await AnnounceSeedingAsync(download);
                return;
            }

            coordinator.Finish(download, DownloadOutcome.Failed(result.Problem!));
        }
        catch (Exception e) when (e is TorrentClientException or IOException or UnauthorizedAccessException)
        {
            LogVerifyFailed(download.File.RelativePath, e.Message);
            store.Remove(download.File);
            coordinator.Finish(download, DownloadOutcome.Failed($"verification: {e.Message}"));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Count} downloads failed: {Reason}")]
    private partial void LogPollFailed(int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified {File} from the swarm after {Milliseconds:0} ms")]
    private partial void LogVerified(string file, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Verifying {File} failed: {Reason}")]
    private partial void LogVerifyFailed(string file, string reason);
}
