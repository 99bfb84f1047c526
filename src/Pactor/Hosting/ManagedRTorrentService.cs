using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pactor.RTorrent;

namespace Pactor.Hosting;

/// <summary>
/// Runs pactor's own rtorrent when no external one is configured: started before the mirror serves,
/// restarted if it dies, stopped (session saved) on shutdown. Restarts end as soon as the host begins to stop, not
/// when this service's turn to stop comes (it stops last, after the requests drained): an rtorrent that exits during
/// shutdown, as on a Ctrl-C in a terminal, which signals the whole process group, stays stopped.
/// </summary>
public sealed class ManagedRTorrentService(IOptions<ServeOptions> serve, IServiceProvider services, IHostApplicationLifetime lifetime) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private ManagedRTorrent? rtorrent;
    private Task? supervision;
    private CancellationTokenRegistration onStopping;

    // Origin mode needs no torrent client: the seedbox's rtorrent is the operator's (pactor seed --rtorrent).
    public bool IsManaged => string.IsNullOrWhiteSpace(serve.Value.RTorrent) && !serve.Value.IsOrigin;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsManaged)
        {
            return;
        }

        rtorrent = (ManagedRTorrent)services.GetService(typeof(ManagedRTorrent))!;
        await rtorrent.StartAsync(cancellationToken);
        supervision = rtorrent.SuperviseAsync(stopping.Token);
        onStopping = lifetime.ApplicationStopping.Register(stopping.Cancel);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (rtorrent is null)
        {
            return;
        }

        await stopping.CancelAsync();
        try
        {
            await supervision!;
        }
        catch (OperationCanceledException)
        {
            // The supervision loop ends with the service.
        }

        // After the supervision ended: a restart it was making is over, and what it started is stopped here.
        await rtorrent.StopAsync(cancellationToken);
    }

    public void Dispose()
    {
        onStopping.Dispose();
        stopping.Dispose();
    }
}
