using System.Globalization;

namespace Pactor.Benchmarks;

/// <summary>
/// The soak's report: every request by source, the fallbacks after the first minute one by one (the swarm always has
/// the seeder, so each one is a package the swarm could have served), the offload over the whole run, the time to
/// last byte, and the per-minute timeline of the seedbox's bytes and of what its tracker lists.
/// </summary>
public sealed class SoakSummary(IReadOnlyList<SoakRequest> requests, IReadOnlyList<SoakSnapshot> snapshots, long originPackageBytes, string? restart, long setBytes)
{
    /// <summary>Fallbacks before this are listed but not held against the target (start-up).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private static readonly string[] Sources = ["swarm", "cache", "fallback"];

    public void WriteTo(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fresh = requests.Where(request => request.Kind == "new").ToList();
        var seeder = snapshots[^1].SeederUploaded;
        var received = fresh.Sum(request => request.Bytes);
        report.Line();
        report.Line($"requests: {fresh.Count} package GETs of packages the client did not have ({received / 1e6:0.0} MB; {fresh.Select(request => request.File).Distinct(StringComparer.Ordinal).Count()} distinct packages, set {setBytes / 1e6:0} MB)");
        report.Line($"  all clients   {BySource(fresh)}");
        foreach (var client in fresh.GroupBy(request => request.Client).OrderBy(group => group.Key))
        {
            report.Line($"  client {client.Key}      {BySource([.. client])}");
        }

        report.Line($"  {restart ?? "no restart"}");
        foreach (var check in requests.Where(request => request.Kind == "restart check"))
        {
            report.Line($"  after the restart, {check.File} again: {check.Source} {check.Status} in {check.TimeToLastByteMs:0} ms (want cache 200)");
        }

        var fallbacks = fresh.Where(request => request.Source != "swarm").ToList();
        var early = fallbacks.Count(request => request.AtSeconds < Grace.TotalSeconds);
        var late = fallbacks.Where(request => request.AtSeconds >= Grace.TotalSeconds).ToList();
        report.Line();
        report.Line($"not from the swarm: {early} in the first minute, {late.Count} after it (target: none; the seeder holds every package all along)");
        foreach (var request in fallbacks)
        {
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  {TimeSpan.FromSeconds(request.AtSeconds):mm\\:ss} client {request.Client} {request.File} ({request.Size / 1e6:0.00} MB): {request.Source} {request.Status} after {request.TimeToLastByteMs:0} ms; {request.Reason ?? "no fallback line"}; {request.Diagnosis ?? ""}"));
        }

        report.Line();
        report.Line($"offload = (seeder uploads {seeder / 1e6:0.0} MB + origin package bytes {originPackageBytes / 1e6:0.0} MB) / package bytes received {received / 1e6:0.0} MB = {(double)(seeder + originPackageBytes) / received:0.000}   (plain HTTP 1.000; {(double)(seeder + originPackageBytes) / setBytes:0.00} copies of the set)");
        report.Line($"time to last byte (GET of a package, 307 followed):");
        report.Line($"  all          {Times(fresh)}");
        foreach (var source in Sources)
        {
            report.Line($"  {source,-12} {Times([.. fresh.Where(request => request.Source == source)])}");
        }

        report.Line();
        report.Line("timeline, once a minute and at the end: requests started since the last line (swarm/cache/fallback), seeder uploaded and origin package bytes (both cumulative),");
        report.Line("  and the tracker's scrape: torrents it lists a seeder for, seeders and leechers it lists (a client that completed a download stays a leecher until it announces again)");
        var previous = 0.0;
        for (var i = 0; i < snapshots.Count; i++)
        {
            var snapshot = snapshots[i];
            var since = fresh.Where(request => request.AtSeconds >= previous && (request.AtSeconds < snapshot.AtSeconds || i == snapshots.Count - 1)).ToList();
            var label = i == snapshots.Count - 1 ? "end  " : $"{TimeSpan.FromSeconds(snapshot.AtSeconds):mm\\:ss}";
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  {label}  {string.Join('/', Sources.Select(source => since.Count(request => request.Source == source))),-8}  {snapshot.SeederUploaded / 1e6,7:0.0} MB  {snapshot.OriginPackageBytes / 1e6,7:0.0} MB  {snapshot.TorrentsWithSeeder,2}/{snapshot.Torrents} torrents, {snapshot.Seeders} seeders, {snapshot.Leechers} leechers"));
            previous = snapshot.AtSeconds;
        }

        report.Line();
        report.Line($"load average after: {BenchReport.LoadAverage()}");
        report.Line($"target: no fallback after the first minute: {(late.Count == 0 ? "met" : $"NOT met ({late.Count})")}");
    }

    private static string BySource(IReadOnlyList<SoakRequest> requests)
    {
        var known = string.Join(", ", Sources.Select(source => $"{source} {requests.Count(request => request.Source == source)}"));
        var other = requests.Where(request => !Sources.Contains(request.Source)).GroupBy(request => request.Source).Select(group => $"{group.Key} {group.Count()}");
        return string.Join(", ", [known, .. other]);
    }

    private static string Times(IReadOnlyList<SoakRequest> requests) =>
        requests.Count == 0 ? "none" : Distribution.Of(requests.Select(request => request.TimeToLastByteMs)).Format("ms", "0");
}
