using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pactor.RTorrent;

namespace Pactor.Hosting;

/// <summary>
/// Runs pactor's own rtorrent when no external one is configured: started before the mirror serves,
/// restarted if it dies, stopped (session saved) on shutdown.
/// </summary>
public sealed class ManagedRTorrentService(IOptions<ServeOptions> serve, IServiceProvider services) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private ManagedRTorrent? rtorrent;
    private Task? supervision;

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
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (rtorrent is null)
        {
            return;
        }

        await rtorrent.StopAsync(cancellationToken);
        await stopping.CancelAsync();
        try
        {
            await supervision!;
        }
        catch (OperationCanceledException)
        {
            // The supervision loop ends with the service.
        }
    }

    public void Dispose() => stopping.Dispose();
}
