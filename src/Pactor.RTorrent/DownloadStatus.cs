namespace Pactor.RTorrent;

/// <summary>One download as rtorrent reports it. Byte counts are totals; rates are rtorrent's rolling averages in bytes/s.</summary>
/// <param name="Hash">Upper-case info hash.</param>
/// <param name="CompletedBytes">Bytes verified on disk (<c>d.completed_bytes</c>): the number to watch, rates lag behind short transfers.</param>
/// <param name="BasePath">File (single-file) or folder (multi-file) of the data; empty until the download was first opened.</param>
/// <param name="Message">rtorrent's last tracker or storage message, often empty.</param>
/// <param name="IsActive">Started and not paused.</param>
/// <param name="IsHashing">A hash check is running or queued.</param>
/// <param name="Label">The <c>d.custom1</c> field.</param>
/// <param name="Directory">
/// <c>d.directory</c>: the directory a single-file torrent's file is in, but the data folder itself
/// (DIRECTORY/NAME) for a multi-file torrent.
/// </param>
/// <param name="Bitfield">
/// <c>d.bitfield</c>: the pieces rtorrent has checked, as hex with piece 0 in the high bit of the first byte
/// (checked against <paramref name="SizeBytes"/> and <paramref name="ChunkSize"/>). Empty while the download is
/// closed, a complete one too; cleared and refilled while rtorrent checks the data again (after completion too).
/// </param>
/// <param name="ChunkSize"><c>d.chunk_size</c>: the torrent's piece length in bytes, known even when closed.</param>
public sealed record DownloadStatus(
    string Hash,
    string Name,
    bool IsComplete,
    long CompletedBytes,
    long SizeBytes,
    long UploadedBytes,
    long DownloadedBytes,
    long UpRate,
    long DownRate,
    int PeersConnected,
    string BasePath,
    string Message,
    bool IsActive,
    bool IsHashing,
    string Label,
    string Directory,
    string Bitfield,
    long ChunkSize)
{
    /// <summary>
    /// Bytes from the start of the data in pieces rtorrent has checked, up to the first missing piece:
    /// <see cref="SizeBytes"/> once complete, 0 when the bitfield is empty.
    /// </summary>
    public long CheckedPrefixBytes => IsComplete
        ? SizeBytes
        : Math.Min(PieceBitfield.LeadingPieces(Bitfield) * ChunkSize, SizeBytes);
}
