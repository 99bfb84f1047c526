using Microsoft.Extensions.Hosting;
using Pactor.Core.Store;

namespace Pactor.Hosting;

/// <summary>
/// Keeps the package cache within <c>--cache-max-size</c> and <c>--cache-max-age</c>: scans at start-up,
/// shortly after packages land and at least hourly (<see cref="CacheEvictor.RunAsync"/>). Without limits
/// the scans only keep the cache size on the status page current.
/// </summary>
public sealed class CacheEvictionService(CacheEvictor evictor) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await evictor.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
