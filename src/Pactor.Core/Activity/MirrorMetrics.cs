using System.Diagnostics.Metrics;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Swarm;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Activity;

/// <summary>
/// The mirror's instruments on the <see cref="MeterName"/> meter (exported as <c>pactor_*</c>): requests,
/// bytes by source, fallbacks, upstream retries, swarm download durations, verification failures, and gauges read when
/// collected (downloads in flight, the package cache). Created from the host's <see cref="IMeterFactory"/>,
/// so two mirrors in one process (tests) keep separate numbers.
/// </summary>
public sealed class MirrorMetrics : IDisposable
{
    public const string MeterName = "Pactor";

    // Swarm downloads take from a fraction of a second (cached peers on a LAN) to minutes.
    private static readonly double[] DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Meter meter;
    private readonly Counter<long> requests;
    private readonly Counter<long> requestBytes;
    private readonly Counter<long> fallbacks;
    private readonly Counter<long> verificationFailures;
    private readonly Counter<long> upstreamRetries;
    private readonly Histogram<double> downloadDuration;
    private readonly DownloadCoordinator downloads;
    private readonly PackageStore store;
    private readonly UpstreamRetry retry;
    private readonly TimeProvider time;

    public MirrorMetrics(IMeterFactory meters, DownloadCoordinator downloads, PackageStore store, CacheStatistics cache, UpstreamRetry retry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(cache);
        this.downloads = downloads;
        this.store = store;
        this.retry = retry;
        this.time = time;
        meter = meters.Create(MeterName);
        requests = meter.CreateCounter<long>("pactor.requests", description: "Mirror requests answered, by file kind and outcome (cache, swarm, fallback, upstream, error).");
        requestBytes = meter.CreateCounter<long>("pactor.request", unit: "By", description: "Bytes of answered requests by source; for fallback, the size of the packages sent upstream.");
        fallbacks = meter.CreateCounter<long>("pactor.fallbacks", description: "Requests redirected to an upstream mirror, by reason.");
        verificationFailures = meter.CreateCounter<long>("pactor.verification.failures", description: "Downloaded packages that did not match their repo database entry (erased, never served).");
        upstreamRetries = meter.CreateCounter<long>("pactor.upstream.retries", description: "Upstream GETs sent again after a transient failure, by what they fetch (torrent, database, signature).");
        downloadDuration = meter.CreateHistogram(
            "pactor.download.duration",
            unit: "s",
            description: "Swarm downloads from start to verified (or failed), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge("pactor.downloads.in_flight", () => downloads.InFlight.Count, description: "Swarm downloads in flight.");
        meter.CreateObservableGauge("pactor.cache.size", () => cache.Snapshot().Bytes, unit: "By", description: "Bytes of packages in the cache at the last scan.");
        meter.CreateObservableGauge("pactor.cache.files", () => cache.Snapshot().Files, description: "Packages in the cache at the last scan.");
        meter.CreateObservableCounter("pactor.cache.evicted", () => cache.Snapshot().EvictedBytes, unit: "By", description: "Bytes of packages evicted from the cache since start.");
        downloads.Finished += OnDownloadFinished;
        store.VerificationFailed += OnVerificationFailed;
        retry.Retried += OnRetried;
    }

    public void RecordRequest(ServedRequest request, FallbackReason? fallback)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.Source.Name();
        requests.Add(1, new("kind", request.Kind), new("outcome", source));
        if (request.Bytes > 0 && request.Source != RequestSource.Error)
        {
            requestBytes.Add(request.Bytes, new KeyValuePair<string, object?>("source", source));
        }

        if (fallback is { } reason)
        {
            fallbacks.Add(1, new KeyValuePair<string, object?>("reason", FallbackReasonName(reason)));
        }
    }

    public static string FallbackReasonName(FallbackReason reason) => reason switch
    {
        FallbackReason.NotInDatabase => "not_in_database",
        FallbackReason.Cooldown => "cooldown",
        FallbackReason.HedgeTimeout => "hedge_timeout",
        FallbackReason.ClientUnavailable => "client_unavailable",
        FallbackReason.SwarmFailed => "swarm_failed",
        _ => "upstream_slow",
    };

    public void Dispose()
    {
        downloads.Finished -= OnDownloadFinished;
        store.VerificationFailed -= OnVerificationFailed;
        retry.Retried -= OnRetried;

        // The meter belongs to the factory (it hands the same one to every caller): it is not ours to dispose.
    }

    private void OnDownloadFinished(SwarmDownload download, DownloadOutcome outcome) =>
        downloadDuration.Record(
            (time.GetUtcNow() - download.StartedAt).TotalSeconds,
            new KeyValuePair<string, object?>("outcome", outcome.Succeeded ? "verified" : "failed"));

    private void OnVerificationFailed(MirrorFile file, string problem) => verificationFailures.Add(1);

    private void OnRetried(string kind) => upstreamRetries.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
