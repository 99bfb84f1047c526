using System.Globalization;
using System.Text;

namespace Pactor.Core.Tests.Tracker;

/// <summary>Announce query strings as clients send them: binary values percent-encoded byte by byte.</summary>
internal static class AnnounceQuery
{
    public static byte[] Hash(byte seed) => [.. Enumerable.Range(0, 20).Select(i => (byte)(seed + (i * 13)))];

    public static byte[] PeerId(int n) => Encoding.ASCII.GetBytes($"-PC0001-{n:D12}");

    public static string Escape(byte[] bytes) => string.Concat(bytes.Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    public static string For(
        byte[] hash, byte[]? peerId = null, int port = 6881, long left = 1000, string? eventName = null, string extra = "")
    {
        var text = $"?info_hash={Escape(hash)}&peer_id={Escape(peerId ?? PeerId(1))}&port={port}&uploaded=0&downloaded=0&left={left}";
        if (eventName is not null)
        {
            text += "&event=" + eventName;
        }

        return text + extra;
    }
}
