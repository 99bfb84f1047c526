using Pactor.Bencode;
using Pactor.XmlRpc;

namespace Pactor.RTorrent;

public sealed partial class RTorrentClient
{
    // rtorrent's load.* commands always return 0 and load asynchronously: only asking for the
    // hash tells whether a load worked. A load is therefore never re-sent blindly; a lost reply
    // is resolved by looking for the hash.
    private static readonly TimeSpan MaxLoadPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Parses the torrent (invalid bytes: <see cref="TorrentLoadException"/> before anything is sent),
    /// creates the directory, returns at once if rtorrent already has the hash, else sends it stopped with
    /// <c>load.raw</c>, waits up to <see cref="RTorrentOptions.LoadConfirmTimeout"/> for it to be listed, then
    /// sets directory, label and priority with typed calls and starts it if asked.
    /// </summary>
    public async Task<string> LoadAsync(ReadOnlyMemory<byte> torrentBytes, TorrentLoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = CheckDirectory(options.Directory);
        if (!Enum.IsDefined(options.Priority))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Priority, "priority must be Off, Low, Normal or High (0-3)");
        }

        var torrent = ParseTorrent(torrentBytes);
        var hash = torrent.InfoHash;
        Directory.CreateDirectory(directory);
        if (await IsLoadedAsync(hash, cancellationToken))
        {
            logger.AlreadyLoaded(hash, torrent.Name);
            return hash;
        }

        var started = timeProvider.GetTimestamp();
        await SendLoadAsync(hash, torrentBytes, cancellationToken);
        await CallWithRetryAsync("d.directory.set", [hash, directory], cancellationToken);
        if (options.Label is not null)
        {
            await CallWithRetryAsync("d.custom1.set", [hash, options.Label], cancellationToken);
        }

        await CallWithRetryAsync("d.priority.set", [hash, (int)options.Priority], cancellationToken);
        if (options.Start)
        {
            await CallWithRetryAsync("d.start", [hash], cancellationToken);
        }

        logger.Loaded(hash, torrent.Name, directory, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return hash;
    }

    private static string CheckDirectory(string directory)
    {
        if (string.IsNullOrEmpty(directory) || !Path.IsPathFullyQualified(directory))
        {
            throw new ArgumentException($"the download directory '{directory}' must be an absolute path", nameof(directory));
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
    }

    private static Metainfo ParseTorrent(ReadOnlyMemory<byte> torrentBytes)
    {
        try
        {
            return Metainfo.Parse(torrentBytes.Span);
        }
        catch (FormatException e)
        {
            throw new TorrentLoadException($"not a valid torrent: {e.Message}", innerException: e);
        }
    }

    /// <summary>Sends <c>load.raw</c> once and waits until rtorrent lists the hash.</summary>
    private async Task SendLoadAsync(string hash, ReadOnlyMemory<byte> torrentBytes, CancellationToken cancellationToken)
    {
        try
        {
            // "" is the (empty) target that every non-d.* command needs over XML-RPC.
            await CallAsync("load.raw", ["", torrentBytes], cancellationToken);
        }
        catch (RTorrentUnreachableException e)
        {
            logger.LoadSendFailed(hash, e.Reason);
            if (!await WaitUntilListedAsync(hash, cancellationToken))
            {
                throw;
            }

            return;
        }

        if (!await WaitUntilListedAsync(hash, cancellationToken))
        {
            throw new TorrentLoadException(
                $"rtorrent did not accept torrent {hash}: it was not listed {ScgiTransport.Seconds(options.LoadConfirmTimeout)} " +
                "after load.raw (rtorrent's log says why)",
                hash);
        }
    }

    private async Task<bool> WaitUntilListedAsync(string hash, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var pause = options.LoadPollInterval;
        for (var poll = 1; ; poll++)
        {
            if (await IsLoadedAsync(hash, cancellationToken))
            {
                return true;
            }

            var left = options.LoadConfirmTimeout - timeProvider.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            logger.NotListedYet(hash, poll);
            await Task.Delay(pause < left ? pause : left, timeProvider, cancellationToken);
            pause = pause * 2 < MaxLoadPollInterval ? pause * 2 : MaxLoadPollInterval;
        }
    }

    private async Task<bool> IsLoadedAsync(string hash, CancellationToken cancellationToken)
    {
        try
        {
            var listed = await CallWithRetryAsync("d.hash", [hash], cancellationToken);
            return Convert("d.hash", listed, XmlRpcValue.AsString).Equals(hash, StringComparison.OrdinalIgnoreCase);
        }
        catch (RTorrentFaultException e) when (e.FaultCode == RTorrentFaultException.UnknownHashFaultCode)
        {
            return false;
        }
    }
}
