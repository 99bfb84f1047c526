using System.Globalization;
using Pactor.RTorrent;

namespace Pactor.Cli;

/// <summary>
/// A live progress bar (bytes, rate, peers) for one download, redrawn in place on a terminal and
/// printed as a line every few seconds otherwise.
/// </summary>
public sealed class DownloadProgressView(CliConsole console, IRTorrentClient client, TimeProvider time)
{
    private const int BarWidth = 30;

    public async Task WaitForCompletionAsync(string hash, CancellationToken cancellationToken)
    {
        var interactive = ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
        var started = time.GetTimestamp();
        TimeSpan? lastPrinted = null;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        while (true)
        {
            var statuses = await RTorrentCommands.CallAsync(() => client.GetStatusAsync([hash], cancellationToken));
            if (!statuses.TryGetValue(hash, out var status))
            {
                throw new CliException($"{hash}: rtorrent no longer has this download");
            }

            var elapsed = time.GetElapsedTime(started);
            if (status.IsComplete || interactive || lastPrinted is null || elapsed - lastPrinted >= TimeSpan.FromSeconds(2))
            {
                var line = Render(status, elapsed);
                await console.Out.WriteAsync(interactive ? "\r" + line : line + "\n");
                lastPrinted = elapsed;
            }

            if (status.IsComplete)
            {
                if (interactive)
                {
                    await console.Out.WriteLineAsync();
                }

                await console.Out.WriteLineAsync($"{status.Name}: complete, {status.SizeBytes} bytes in {elapsed.TotalSeconds:0.0} s");
                return;
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    public static string Render(DownloadStatus status, TimeSpan elapsed)
    {
        var fraction = status.SizeBytes == 0 ? (status.IsComplete ? 1 : 0) : (double)status.CompletedBytes / status.SizeBytes;
        var filled = (int)Math.Round(fraction * BarWidth);
        var rate = elapsed.TotalSeconds > 0 ? status.CompletedBytes / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction * 100,5:0.0}%  {ByteSize.Format(status.CompletedBytes)}/{ByteSize.Format(status.SizeBytes)}  {ByteSize.Format((long)rate)}/s  {status.PeersConnected} peers");
    }
}
