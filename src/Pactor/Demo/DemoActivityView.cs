using System.Globalization;
using Pactor.Cli;
using Pactor.Core.Activity;
using Pactor.Core.Swarm;

namespace Pactor.Demo;

/// <summary>
/// What the demo's client does, as it happens: a line per swarm download whenever its state changes or it passes
/// another tenth of the package, and a line per answered request (file, source, status, bytes, milliseconds).
/// Polls the client's own bookkeeping (<see cref="DownloadCoordinator.InFlight"/>, <see cref="MirrorActivity"/>).
/// </summary>
internal sealed class DemoActivityView(CliConsole console, MirrorActivity activity, DownloadCoordinator downloads, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, string> shown = new(StringComparer.Ordinal);
    private long requestsSeen;

    /// <summary>Prints until <paramref name="cancellationToken"/> is cancelled, then returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        requestsSeen = activity.Snapshot().Requests;
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await PrintDownloadsAsync();
                await PrintRequestsAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the demo is stopping.
        }
    }

    private async Task PrintDownloadsAsync()
    {
        var now = time.GetUtcNow();
        var current = downloads.InFlight.Select(download => DownloadSnapshot.Of(download, now)).ToList();
        foreach (var download in current)
        {
            var step = string.Create(CultureInfo.InvariantCulture, $"{download.State} {(int)(download.Progress * 10)}");
            if (shown.TryGetValue(download.File, out var last) && last == step)
            {
                continue;
            }

            shown[download.File] = step;
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  swarm    {download.Name}  {download.State}  {download.Progress * 100,3:0}%  {ByteSize.Format(download.CompletedBytes)}/{ByteSize.Format(download.TotalBytes)}  {ByteSize.Format(download.BytesPerSecond)}/s  {download.Peers} peer{(download.Peers == 1 ? "" : "s")}"));
        }

        foreach (var gone in shown.Keys.Except(current.Select(download => download.File)).ToList())
        {
            shown.Remove(gone);
        }
    }

    private async Task PrintRequestsAsync()
    {
        var snapshot = activity.Snapshot();
        var fresh = (int)Math.Min(snapshot.Requests - requestsSeen, snapshot.Recent.Count);
        requestsSeen = snapshot.Requests;
        // Recent is newest first; print oldest first.
        for (var i = fresh - 1; i >= 0; i--)
        {
            var request = snapshot.Recent[i];
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  request  {request.File}  {request.Source.Name()}  {request.Status}  {ByteSize.Format(request.Bytes)}  {request.Duration.TotalMilliseconds:0} ms"));
        }
    }
}
