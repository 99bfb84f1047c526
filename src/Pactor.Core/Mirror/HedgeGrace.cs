using Microsoft.Extensions.Options;
using Pactor.Core.Swarm;

namespace Pactor.Core.Mirror;

/// <summary>
/// At the hedge deadline, a download that is about to finish is worth a little more waiting: a fallback then would cost
/// a whole HTTP copy for bytes the swarm delivers a moment later (in a wave of clients, most of the set). The request
/// waits on while the download's rate says it is done, with half a second for the checks after it, before
/// <see cref="MirrorOptions.HedgeAfter"/> + <see cref="MirrorOptions.HedgeGrace"/> (8 s by default, under pacman's
/// 10 s); it falls back as soon as that no longer holds (the rate drops, no peer sends), and at that limit in any case.
/// </summary>
public sealed class HedgeGrace(TimeProvider time, IOptions<MirrorOptions> options)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Checks = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether <paramref name="download"/> is worth waiting for past the hedge right now.</summary>
    public bool Applies(SwarmDownload download, long started) =>
        WillFinish(download, time.GetElapsedTime(started), options.Value.HedgeAfter + options.Value.HedgeGrace);

    /// <summary>The outcome if it came within the grace; null when the request should fall back now.</summary>
    /// <param name="started">The request's start, a <see cref="TimeProvider.GetTimestamp"/> of <c>time</c>.</param>
    public async Task<DownloadOutcome?> WaitAsync(SwarmDownload download, long started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        var limit = options.Value.HedgeAfter + options.Value.HedgeGrace;
        while (WillFinish(download, time.GetElapsedTime(started), limit))
        {
            // Waiting as a waiter keeps the poller at its fast pace; each tick looks at the rate again.
            using var tick = new CancellationTokenSource(Tick, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, tick.Token);
            try
            {
                return await download.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The next tick.
            }
        }

        return null;
    }

    /// <summary>Done, being checked, or receiving fast enough to be done (and checked) by <paramref name="limit"/>.</summary>
    public static bool WillFinish(SwarmDownload download, TimeSpan elapsed, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(download);
        if (elapsed >= limit)
        {
            return false;
        }

        if (download.Completion.IsCompleted || download.IsVerifying)
        {
            return true;
        }

        if (download.Progress is not { DownloadRate: > 0 } progress)
        {
            return false;
        }

        var left = TimeSpan.FromSeconds((double)Math.Max(0, progress.SizeBytes - progress.CompletedBytes) / progress.DownloadRate);
        return elapsed + left + Checks <= limit;
    }
}
