using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using Pactor.Core.Database;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Swarm;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Mirror;

/// <summary>
/// Answers a package request: a verified cached copy at once; otherwise the shared swarm download,
/// waited for until the hedge deadline (a little longer when it is about to finish: <see cref="HedgeGrace"/>); otherwise the best healthy upstream (307), or 504 when none is healthy (pacman
/// moves to its next Server at once instead of following pactor to a mirror that just hung or failed).
/// Nothing unverified is ever answered with a file.
/// </summary>
public sealed partial class PackageService(
    RepoDatabaseIndex databases,
    PackageStore store,
    DownloadCoordinator downloads,
    HedgeGrace grace,
    UpstreamSet upstreams,
    TimeProvider time,
    IOptions<MirrorOptions> options,
    ILogger<PackageService> logger)
{
    private readonly ResiliencePipeline<DownloadOutcome> wait = SwarmWaitPipeline.Build(options.Value.HedgeAfter, time);

    public async Task<MirrorResult> GetAsync(MirrorFile file, CancellationToken cancellationToken)
    {
        var entry = databases.Find(file);
        if (entry is null)
        {
            return Fallback(file, FallbackReason.NotInDatabase, null, "not in the repo database pactor holds");
        }

        if (store.FindVerified(file, entry) is { } cached)
        {
            Republish(file);
            return new MirrorResult.File(cached, "cache");
        }

        if (downloads.Cooldown.IsCooling(file.RelativePath))
        {
            return Fallback(file, FallbackReason.Cooldown, entry.CompressedSize, "the last swarm attempt failed");
        }

        var started = time.GetTimestamp();
        SwarmDownload? download = null;
        DownloadOutcome outcome;
        try
        {
            outcome = await wait.ExecuteAsync(
                async token => await (download = downloads.GetOrStart(file, entry)).WaitAsync(token),
                cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            var graced = download is not null && grace.Applies(download, started);
            if (!graced || await grace.WaitAsync(download!, started, cancellationToken) is not { } late)
            {
                return Fallback(file, FallbackReason.HedgeTimeout, entry.CompressedSize, graced
                    ? $"swarm not done after {time.GetElapsedTime(started).TotalSeconds:0.#} s (a grace past the hedge ran out)"
                    : $"swarm not done after {options.Value.HedgeAfter.TotalSeconds:0.#} s");
            }

            outcome = late;
        }

        return outcome.Succeeded
            ? new MirrorResult.File(outcome.Path!, "swarm")
            : Fallback(file, outcome.ClientUnavailable ? FallbackReason.ClientUnavailable : FallbackReason.SwarmFailed, entry.CompressedSize, outcome.FailureReason!);
    }

    // A link lost to a race (a check that saw the old marker withdrew it after a new verification) comes back
    // with the next hit pactor answers itself; the hit is answered either way.
    private void Republish(MirrorFile file)
    {
        try
        {
            store.Public.EnsurePublished(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogPublishFailed(file.RelativePath, e.Message);
        }
    }

    private MirrorResult Fallback(MirrorFile file, FallbackReason cause, long? bytes, string reason)
    {
        LogFallback(file.RelativePath, reason);
        return upstreams.FallbackFor(file) is { } url
            ? new MirrorResult.Redirect(url, reason) { Cause = cause, Bytes = bytes }
            : new MirrorResult.Unavailable(upstreams.Mirrors.Count > 0 ? $"{reason}; no healthy upstream" : reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not link {File} into the public tree: {Reason}")]
    private partial void LogPublishFailed(string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Falling back for {File}: {Reason}")]
    private partial void LogFallback(string file, string reason);
}
