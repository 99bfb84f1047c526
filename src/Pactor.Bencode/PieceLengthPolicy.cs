namespace Pactor.Bencode;

/// <summary>
/// Chooses piece lengths for new torrents. Few pieces are slow to fetch (rtorrent 0.9.8 on loopback: a
/// 200 KB one-piece torrent takes 0.6 s, 1 MB in 32 pieces 0.1 s), so small files get small pieces.
/// </summary>
public static class PieceLengthPolicy
{
    /// <summary>The smallest piece length chosen, also the smallest accepted: 16 KiB, one BitTorrent block.</summary>
    public const int Min = 16 * 1024;

    /// <summary>The largest piece length <see cref="Choose"/> picks.</summary>
    public const int Max = 4 * 1024 * 1024;

    /// <summary>The largest piece length accepted when given explicitly or read from a torrent.</summary>
    public const int LargestAllowed = 64 * 1024 * 1024;

    /// <summary>Aim: at least this many pieces, so peers can fetch in parallel.</summary>
    public const int TargetPieceCount = 32;

    /// <summary>The largest power of two in [<see cref="Min"/>, <see cref="Max"/>] giving at least <see cref="TargetPieceCount"/> full pieces.</summary>
    public static int Choose(long totalLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalLength);
        var pieceLength = Max;
        while (pieceLength > Min && totalLength / pieceLength < TargetPieceCount)
        {
            pieceLength /= 2;
        }

        return pieceLength;
    }

    /// <summary>True for a power of two in [<see cref="Min"/>, <see cref="LargestAllowed"/>].</summary>
    public static bool IsAllowed(int pieceLength) =>
        pieceLength is >= Min and <= LargestAllowed && int.IsPow2(pieceLength);
}
