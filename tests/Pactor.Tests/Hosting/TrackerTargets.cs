using System.Globalization;
using System.Text;

namespace Pactor.Tests.Hosting;

/// <summary>Request targets for <c>/announce</c> and <c>/scrape</c> as clients send them: binary values percent-encoded byte by byte.</summary>
internal static class TrackerTargets
{
    public static string Escape(byte[] bytes) => string.Concat(bytes.Select(b => "%" + b.ToString("x2", CultureInfo.InvariantCulture)));

    public static string Announce(byte[] hash, int port, long left, byte[]? peerId = null, string extra = "", string compact = "1") =>
        $"/announce?info_hash={Escape(hash)}&peer_id={Escape(peerId ?? Encoding.ASCII.GetBytes($"-PC0001-{port:D12}"))}"
        + $"&port={port}&uploaded=0&downloaded=0&left={left}&compact={compact}{extra}";

    public static string Scrape(byte[] hash) => $"/scrape?info_hash={Escape(hash)}";
}
