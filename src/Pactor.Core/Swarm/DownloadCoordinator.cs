using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Database;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Store;

namespace Pactor.Core.Swarm;

/// <summary>
/// Single-flight swarm downloads: the first request for a package starts one download (fetch and
/// check its .torrent, load it into the torrent client), later requests join it. The
/// <see cref="DownloadPoller"/> drives what is in flight to completion.
/// </summary>
public sealed partial class DownloadCoordinator(
    ITorrentClient client,
    TorrentSource torrents,
    CacheLayout layout,
    TimeProvider time,
    IOptions<MirrorOptions> options,
    ILogger<DownloadCoordinator> logger)
{
    private readonly ConcurrentDictionary<string, SwarmDownload> inFlight = new(StringComparer.Ordinal);

    public FailureCooldown Cooldown { get; } = new(time, options.Value.FailureCooldown);

    /// <summary>Downloads in flight, for the poller and the status page.</summary>
    public ICollection<SwarmDownload> InFlight => inFlight.Values;

    private TaskCompletionSource wakeup = NewWakeup();

    /// <summary>
    /// Completes when there is news for the poller: a download got its hash, was adopted, or a request
    /// joined one. Read it before looking at <see cref="InFlight"/>, so that no news is missed.
    /// </summary>
    public Task Wakeup => Volatile.Read(ref wakeup).Task;

    public SwarmDownload GetOrStart(MirrorFile file, PackageEntry entry)
    {
        var download = new SwarmDownload(file, entry, time.GetUtcNow());
        var existing = inFlight.GetOrAdd(file.RelativePath, download);
        if (ReferenceEquals(existing, download))
        {
            _ = StartAsync(download);
        }
        else
        {
            // A request joins a download the poller may be watching at the slow, nobody-waits pace.
            Wake();
        }

        return existing;
    }

    /// <summary>Adopts a download the torrent client already has (after a restart), so no request loads it again.</summary>
    public SwarmDownload Adopt(MirrorFile file, PackageEntry entry, string hash)
    {
        var download = new SwarmDownload(file, entry, time.GetUtcNow()) { Hash = hash };
        var adopted = inFlight.GetOrAdd(file.RelativePath, download);
        Wake();
        return adopted;
    }

    /// <summary>
    /// Raised once when a download ends, whatever the outcome (for metrics), before any waiting request
    /// gets the outcome: whoever sees the answer can see the download counted.
    /// </summary>
    public event Action<SwarmDownload, DownloadOutcome>? Finished;

    /// <summary>Ends a download: waiters get <paramref name="outcome"/>, later requests start afresh (or hit the cache).</summary>
    public void Finish(SwarmDownload download, DownloadOutcome outcome)
    {
        if (!outcome.Succeeded && !outcome.ClientUnavailable)
        {
            Cooldown.Add(download.File.RelativePath);
        }

        inFlight.TryRemove(KeyValuePair.Create(download.File.RelativePath, download));
        if (!download.TryEnd())
        {
            return;
        }

        // Completing first let a waiter answer its client (and a scrape follow) before the duration was recorded.
        try
        {
            Finished?.Invoke(download, outcome);
        }
        finally
        {
            download.Complete(outcome);
        }
    }

    private void Wake() => Interlocked.Exchange(ref wakeup, NewWakeup()).TrySetResult();

    private static TaskCompletionSource NewWakeup() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task StartAsync(SwarmDownload download)
    {
        try
        {
            var torrent = await torrents.FetchAsync(download.File, CancellationToken.None);
            if (torrent is null)
            {
                Finish(download, DownloadOutcome.Failed("no torrent source has the .torrent"));
                return;
            }

            if (TorrentValidator.Check(torrent, download.Entry) is { } problem)
            {
                LogTorrentRefused(download.File.RelativePath, problem);
                Finish(download, DownloadOutcome.Failed(problem));
                return;
            }

            var directory = layout.PackageDirectory(download.File);
            Directory.CreateDirectory(directory);
            download.Hash = await client.LoadAsync(torrent, directory, options.Value.Label, CancellationToken.None);
            LogLoaded(download.File.RelativePath, download.Hash);
            Wake();
        }
        catch (TorrentClientException e)
        {
            LogLoadFailed(download.File.RelativePath, e.Message);
            Finish(download, DownloadOutcome.Failed($"torrent client: {e.Message}", e.IsUnavailable));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogLoadFailed(download.File.RelativePath, e.Message);
            Finish(download, DownloadOutcome.Failed($"cache: {e.Message}"));
        }
        catch (Exception e)
        {
            // A background start has no caller to throw to: end the download so its waiters fall back.
            LogStartCrashed(e, download.File.RelativePath);
            Finish(download, DownloadOutcome.Failed("internal error"));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting {File} failed unexpectedly")]
    private partial void LogStartCrashed(Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {File} into the torrent client as {Hash}")]
    private partial void LogLoaded(string file, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused the torrent of {File}: {Problem}")]
    private partial void LogTorrentRefused(string file, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start {File} in the swarm: {Reason}")]
    private partial void LogLoadFailed(string file, string reason);
}
