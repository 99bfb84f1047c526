namespace Pactor.RTorrent;

/// <summary>Where and how <see cref="IRTorrentClient.LoadAsync"/> places a torrent.</summary>
public sealed record TorrentLoadOptions
{
    /// <summary>
    /// Absolute directory the data goes in (a single-file torrent's file lands at DIRECTORY/NAME, a
    /// multi-file torrent's folder at DIRECTORY/NAME). pactor creates it, so rtorrent must share this
    /// machine's file system: rtorrent itself silently idles on a directory that does not exist.
    /// </summary>
    public required string Directory { get; init; }

    /// <summary>Stored in <c>d.custom1</c>, the field ruTorrent shows as the label.</summary>
    public string? Label { get; init; }

    public DownloadPriority Priority { get; init; } = DownloadPriority.Normal;

    /// <summary>Start the download (and its hash check) once loaded; false leaves it stopped.</summary>
    public bool Start { get; init; } = true;
}
