using System.Diagnostics.Metrics;

namespace Pactor.RTorrent;

/// <summary>
/// Latency and errors of rtorrent calls, on the <see cref="MeterName"/> meter (exported as
/// <c>pactor_rtorrent_*</c>). Process-wide: clients are built by <see cref="RTorrentClientFactory"/>, outside any container.
/// </summary>
public static class RTorrentMetrics
{
    public const string MeterName = "Pactor.RTorrent";

    // A local rtorrent answers in about a millisecond; a big d.multicall2 or a busy disk takes longer.
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram(
        "pactor.rtorrent.call.duration",
        unit: "s",
        description: "rtorrent XML-RPC calls, one request and reply, by method (failed calls included).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });

    private static readonly Counter<long> CallErrors = Meter.CreateCounter<long>(
        "pactor.rtorrent.call.errors",
        description: "rtorrent XML-RPC calls that failed, by method and error (unreachable, fault, protocol).");

    internal static void RecordCall(string method, TimeSpan duration, RTorrentException? error)
    {
        var methodTag = new KeyValuePair<string, object?>("method", method);
        CallDuration.Record(duration.TotalSeconds, methodTag);
        if (error is not null)
        {
            CallErrors.Add(1, methodTag, new KeyValuePair<string, object?>("error", error switch
            {
                RTorrentUnreachableException => "unreachable",
                RTorrentFaultException => "fault",
                _ => "protocol",
            }));
        }
    }
}
