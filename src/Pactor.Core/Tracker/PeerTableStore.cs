using Microsoft.Extensions.Logging;
using Pactor.Core.Seeding;

namespace Pactor.Core.Tracker;

/// <summary>
/// Keeps a <see cref="PeerTable"/> in a file across restarts: loaded once before the tracker answers, written
/// atomically when it changed (every <see cref="TrackerOptions.SaveInterval"/> and on shutdown). A file that
/// cannot be read or written is logged and the tracker goes on in memory: the table is rebuilt by announces anyway.
/// </summary>
public sealed partial class PeerTableStore(PeerTable table, TrackerOptions options, TimeProvider time, ILogger<PeerTableStore> logger)
{
    // Every peer is 6 values and every torrent 4 more; the file of a full table stays well under this.
    private const int ValuesPerPeer = 7;
    private const int ValuesPerTorrent = 5;

    private long savedChanges = -1;

    public string Path => options.StateFile ?? throw new InvalidOperationException("the tracker has no state file");

    /// <summary>Reads the saved table into <paramref name="table"/>; a missing file is an empty table.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            savedChanges = table.Changes;
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(Path, e.Message);
            return;
        }

        try
        {
            var swarms = PeerTableFile.Read(bytes, MaxValues);
            var saved = swarms.Sum(swarm => swarm.Peers.Count);
            var added = table.Import(swarms);
            LogLoaded(added, table.TorrentCount, saved - added, Path);
        }
        catch (PeerTableFileException e)
        {
            LogUnreadable(Path, e.Message);
        }
    }

    /// <summary>Writes the table when it changed since the last write; true when it wrote.</summary>
    public async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        var changes = table.Changes;
        if (changes == savedChanges)
        {
            return false;
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await AtomicFileWriter.WriteAsync(Path, PeerTableFile.Write(table.Export()), lastWriteUtc: null, cancellationToken);
            savedChanges = changes;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only folder: the tracker goes on from memory and tries again next time.
            LogUnwritable(Path, e.Message);
            return false;
        }
    }

    /// <summary>Saves every <see cref="TrackerOptions.SaveInterval"/> until cancelled, then once more.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SaveInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SaveAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the caller saves a last time.
        }
    }

    private int MaxValues => 16 + (options.MaxTorrents * ValuesPerTorrent) + (options.MaxPeers * ValuesPerPeer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracker: {Peers} peers of {Torrents} torrents restored from {Path} ({Expired} expired meanwhile or over the caps)")]
    private partial void LogLoaded(int peers, int torrents, int expired, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracker: cannot read the saved peer table {Path}: {Reason}; starting empty")]
    private partial void LogUnreadable(string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracker: cannot save the peer table to {Path}: {Reason}; kept in memory, tried again later")]
    private partial void LogUnwritable(string path, string reason);
}
