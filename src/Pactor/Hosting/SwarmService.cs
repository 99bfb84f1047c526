using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pactor.Core.Swarm;

namespace Pactor.Hosting;

/// <summary>
/// Takes over the downloads rtorrent still holds (once, at start-up; an rtorrent that is down then is
/// logged, not fatal: requests fall back until it is back), then polls every in-flight download.
/// </summary>
public sealed partial class SwarmService(SwarmRecovery recovery, DownloadPoller poller, ILogger<SwarmService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await recovery.RecoverAsync(stoppingToken);
        }
        catch (Exception e) when (e is TorrentClientException or IOException or UnauthorizedAccessException)
        {
            LogRecoveryFailed(e.Message);
        }

        try
        {
            await poller.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take over the torrent client's downloads at start-up: {Reason}")]
    private partial void LogRecoveryFailed(string reason);
}
