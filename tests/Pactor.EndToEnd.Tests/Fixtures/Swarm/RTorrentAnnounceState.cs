using System.Globalization;
using Pactor.RTorrent;
using Pactor.XmlRpc;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// One download as rtorrent itself sees it, for proving (and reporting) that it seeds and announced:
/// <c>d.state</c> (1 started), <c>d.complete</c>, <c>d.is_active</c>, <c>d.hashing</c>, <c>d.message</c>, and per
/// tracker <c>t.url</c>, <c>t.success_counter</c> / <c>t.failed_counter</c> (since this process started),
/// <c>t.activity_time_last</c> / <c>t.activity_time_next</c> (unix seconds) and the intervals it uses
/// (<c>t.normal_interval</c>, <c>t.min_interval</c>: what it made of the tracker's answer).
/// </summary>
public sealed record RTorrentAnnounceState(
    string Hash,
    long State,
    bool IsComplete,
    bool IsActive,
    long Hashing,
    string Message,
    IReadOnlyList<RTorrentAnnounceState.Tracker> Trackers)
{
    /// <summary>Announces that got an answer since this rtorrent process started, over all trackers.</summary>
    public long Successes => Trackers.Sum(tracker => tracker.Successes);

    public static async Task<RTorrentAnnounceState> ReadAsync(RTorrentEndpoint endpoint, string infoHash, CancellationToken cancellationToken = default)
    {
        async Task<object?> call(string method) => await RTorrentCall.CallAsync(endpoint, method, [infoHash], cancellationToken);
        var rows = XmlRpcValue.AsArray(await RTorrentCall.CallAsync(
            endpoint,
            "t.multicall",
            [infoHash, "", "t.url=", "t.success_counter=", "t.failed_counter=", "t.activity_time_last=", "t.activity_time_next=", "t.normal_interval=", "t.min_interval="],
            cancellationToken));
        var trackers = rows.Select(XmlRpcValue.AsArray).Select(row => new Tracker(
            XmlRpcValue.AsString(row[0]),
            XmlRpcValue.AsInt64(row[1]),
            XmlRpcValue.AsInt64(row[2]),
            DateTimeOffset.FromUnixTimeSeconds(XmlRpcValue.AsInt64(row[3])),
            DateTimeOffset.FromUnixTimeSeconds(XmlRpcValue.AsInt64(row[4])),
            TimeSpan.FromSeconds(XmlRpcValue.AsInt64(row[5])),
            TimeSpan.FromSeconds(XmlRpcValue.AsInt64(row[6])))).ToList();
        return new RTorrentAnnounceState(
            infoHash,
            XmlRpcValue.AsInt64(await call("d.state")),
            XmlRpcValue.AsInt64(await call("d.complete")) == 1,
            XmlRpcValue.AsInt64(await call("d.is_active")) == 1,
            XmlRpcValue.AsInt64(await call("d.hashing")),
            XmlRpcValue.AsString(await call("d.message")),
            trackers);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Hash}: d.state={State} d.complete={(IsComplete ? 1 : 0)} d.is_active={(IsActive ? 1 : 0)} d.hashing={Hashing} d.message=\"{Message}\"; {string.Join("; ", Trackers)}");

    /// <param name="Successes"><c>t.success_counter</c>.</param>
    /// <param name="Failures"><c>t.failed_counter</c>.</param>
    public sealed record Tracker(string Url, long Successes, long Failures, DateTimeOffset LastActivity, DateTimeOffset NextActivity, TimeSpan NormalInterval, TimeSpan MinInterval)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"tracker {Url}: t.success_counter={Successes} t.failed_counter={Failures} t.activity_time_last={LastActivity:HH:mm:ss} t.activity_time_next={NextActivity:HH:mm:ss} t.normal_interval={NormalInterval.TotalSeconds} s t.min_interval={MinInterval.TotalSeconds} s");
    }
}
