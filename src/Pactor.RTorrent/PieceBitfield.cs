using Pactor.XmlRpc;

namespace Pactor.RTorrent;

/// <summary>
/// rtorrent's <c>d.bitfield</c>: one bit per piece, set once rtorrent has checked the piece against the
/// torrent's SHA-1, written as hex (upper case) with piece 0 in the high bit of the first byte (BEP 3 order)
/// and the spare bits of the last byte clear. Empty while the download is closed.
/// </summary>
internal static class PieceBitfield
{
    /// <exception cref="XmlRpcFormatException">Not hex, not one bit per piece of the torrent, or a spare bit set.</exception>
    public static void Validate(string bitfield, long sizeBytes, long chunkSize)
    {
        if (bitfield.Length == 0)
        {
            return;
        }

        if (sizeBytes <= 0 || chunkSize <= 0)
        {
            throw Malformed($"a bitfield for a size of {sizeBytes} bytes in pieces of {chunkSize}");
        }

        var pieces = (sizeBytes + chunkSize - 1) / chunkSize;
        if (bitfield.Length != (pieces + 7) / 8 * 2)
        {
            throw Malformed($"{bitfield.Length} hex digits for {pieces} pieces");
        }

        if (!bitfield.All(char.IsAsciiHexDigit))
        {
            throw Malformed("a bitfield that is not hex");
        }

        var spare = (int)((8 - (pieces % 8)) % 8);
        if ((Convert.FromHexString(bitfield.AsSpan(bitfield.Length - 2))[0] & ((1 << spare) - 1)) != 0)
        {
            throw Malformed($"a bitfield with bits set past its {pieces} pieces");
        }
    }

    /// <summary>The number of complete pieces before the first missing one, from a <see cref="Validate"/>d bitfield.</summary>
    public static long LeadingPieces(string bitfield)
    {
        var bytes = Convert.FromHexString(bitfield);
        var full = bytes.AsSpan().IndexOfAnyExcept((byte)0xFF);
        return full < 0
            ? bytes.Length * 8L
            : (full * 8L) + byte.LeadingZeroCount((byte)~bytes[full]);
    }

    private static XmlRpcFormatException Malformed(string what) =>
        new($"Unexpected XML-RPC value: d.bitfield is {what}.");
}
