using Microsoft.Extensions.Logging;

namespace Pactor.RTorrent;

internal static partial class RTorrentLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "rtorrent {Method} answered in {ElapsedMs:0.0} ms")]
    public static partial void CallAnswered(this ILogger logger, string method, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "rtorrent {Method} attempt {Attempt} failed: {Reason}; retrying in {DelayMs:0} ms")]
    public static partial void Retrying(this ILogger logger, string method, int attempt, string reason, double delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Torrent {InfoHash} ({Name}) is already loaded; left as it is")]
    public static partial void AlreadyLoaded(this ILogger logger, string infoHash, string name);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Torrent {InfoHash} not listed yet after load.raw (poll {Poll})")]
    public static partial void NotListedYet(this ILogger logger, string infoHash, int poll);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Loaded torrent {InfoHash} ({Name}) into {Directory}; listed after {ElapsedMs:0} ms")]
    public static partial void Loaded(this ILogger logger, string infoHash, string name, string directory, double elapsedMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "load.raw of {InfoHash} failed ({Reason}); checking whether rtorrent got it anyway")]
    public static partial void LoadSendFailed(this ILogger logger, string infoHash, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Erased {InfoHash} from rtorrent")]
    public static partial void Erased(this ILogger logger, string infoHash);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Deleted the data of {InfoHash} at {Path}")]
    public static partial void DataDeleted(this ILogger logger, string infoHash, string path);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Not erasing {InfoHash}: rtorrent does not know it")]
    public static partial void EraseUnknown(this ILogger logger, string infoHash);
}
