using Microsoft.Extensions.Hosting;
using Pactor.Core.Tracker;

namespace Pactor.Hosting;

/// <summary>
/// The tracker's peer table across restarts: restored before the server listens (hosted services start before
/// Kestrel), saved while it changes and once more on a graceful stop.
/// </summary>
public sealed class TrackerStateService(PeerTableStore store) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await store.SaveAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => store.RunAsync(stoppingToken);
}
