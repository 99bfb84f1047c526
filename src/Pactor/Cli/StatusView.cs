using System.Globalization;
using System.Text;
using Pactor.Hosting.Status;

namespace Pactor.Cli;

/// <summary><c>pactor status</c>'s picture of a <see cref="StatusReport"/>: totals, downloads with progress bars, recent requests.</summary>
public static class StatusView
{
    private const int BarWidth = 24;
    private const int RecentRows = 10;

    public static string Render(StatusReport status, Uri url)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder();
        var rt = status.RTorrent;
        var rtState = rt.Reachable switch
        {
            null => "not checked yet",
            true => $"{rt.Version} reachable",
            false => $"unreachable ({rt.Error})",
        };
        Line(text, $"pactor {status.Version} at {url} · up {Duration(status.UptimeSeconds)}");
        Line(text, $"rtorrent {rtState} · {(rt.Managed ? "managed by pactor" : "external")} · {rt.Endpoint}");
        Line(text, "");

        var totals = status.Totals;
        var offload = totals.OffloadRatio is { } ratio ? string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:0.0} %") : "–";
        Line(text, $"Since start  cache {Size(totals.Bytes.Cache)} · swarm {Size(totals.Bytes.Swarm)} · fallback {Size(totals.Bytes.Fallback)} · upstream {Size(totals.Bytes.Upstream)}");
        Line(text, $"             uploaded {(totals.UploadedBytes is { } up ? Size(up) : "–")} · offload {offload} · {totals.Requests} requests, {totals.Errors} errors");
        var cache = status.Cache;
        var limits = cache.MaxBytes is { } max ? $" (max {Size(max)})" : "";
        var evicted = cache.EvictedFiles > 0 ? $" · {cache.EvictedFiles} evicted ({Size(cache.EvictedBytes)})" : "";
        Line(text, $"Cache        {Size(cache.Bytes)} in {cache.Files} packages{limits}{evicted}");
        Line(text, "");

        Line(text, $"Downloads in flight ({status.Downloads.Count})");
        if (status.Downloads.Count == 0)
        {
            Line(text, "  none");
        }

        foreach (var download in status.Downloads)
        {
            Line(text, $"  {download.Name}");
            Line(text, $"    {Bar(download)}  {Size(download.CompletedBytes)}/{Size(download.TotalBytes)}  {Size(download.BytesPerSecond)}/s  "
                + $"{download.Peers} peers  ETA {(download.EtaSeconds is { } eta ? Duration(eta) : "–")}  {download.Waiting} waiting");
        }

        Line(text, "");
        Line(text, $"Recent requests ({status.Recent.Count})");
        if (status.Recent.Count == 0)
        {
            Line(text, "  none");
        }

        foreach (var request in status.Recent.Take(RecentRows))
        {
            Line(text, string.Create(CultureInfo.InvariantCulture,
                $"  {request.At.ToLocalTime():HH:mm:ss}  {request.Source,-8}  {request.Status,3}  {Size(request.Bytes),10}  {request.Milliseconds,8:0.0} ms  {request.File}"));
        }

        return text.ToString();
    }

    private static string Bar(DownloadReport download)
    {
        var filled = (int)Math.Round(Math.Clamp(download.Progress, 0, 1) * BarWidth);
        var label = download.State == "downloading"
            ? string.Create(CultureInfo.InvariantCulture, $"{download.Progress * 100,5:0.0}%")
            : download.State;
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {label}";
    }

    private static string Size(long bytes) => ByteSize.Format(bytes);

    private static string Duration(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 60):0} m {seconds % 60:0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 3600):0} h {Math.Floor(seconds % 3600 / 60):0} m"),
    };

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
