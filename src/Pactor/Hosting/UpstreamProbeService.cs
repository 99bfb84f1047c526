using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pactor.Core.Upstreams;

namespace Pactor.Hosting;

/// <summary>
/// Once a second, probes the upstreams whose backoff is over (<see cref="UpstreamProber"/>), so that a mirror that
/// recovered is back in line, and one still sick back down, before any pacman request depends on it.
/// </summary>
public sealed partial class UpstreamProbeService(UpstreamProber prober, TimeProvider time, ILogger<UpstreamProbeService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var probed = await prober.ProbeDueAsync(stoppingToken);
                if (probed > 0)
                {
                    LogProbed(probed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probed {Count} upstreams past their backoff")]
    private partial void LogProbed(int count);
}
