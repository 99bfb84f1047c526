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
    string Directory);
