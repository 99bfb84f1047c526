using System.Diagnostics;
using Pactor.EndToEnd.Tests.Fixtures.Torrents;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Benchmarks;

/// <summary>
/// rtorrent on its own: load a torrent (the typed load pactor does: <c>load.raw</c>, confirm, directory, start) and
/// wait for it to finish WITHOUT talking to rtorrent meanwhile: XML-RPC calls wake rtorrent's event loop, and polling
/// <c>d.complete</c> every 2 ms made 2 MB and 20 MB downloads finish 100-150 ms sooner than with a 50 ms poll. So the
/// rc gets an <c>event.download.finished</c> hook that touches <c>SIGNALS/HASH</c>; the file's modification time is
/// the finish time. One <c>d.complete</c> call afterwards checks that the hook means what pactor waits for.
/// </summary>
public static class SwarmTimer
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The client rc template plus the finish hook writing into <paramref name="signals"/> (an absolute path without spaces).</summary>
    public static string ClientTemplateSignalingTo(string signals) =>
        RTorrentConfigTemplate.Client +
        $"\n# bench: mark finished downloads without anyone polling rtorrent\nmethod.set_key = event.download.finished, bench_finished, \"execute.nothrow = touch, (cat, {signals}/, (d.hash))\"\n";

    /// <param name="pollEvery">Null: never call rtorrent until the hook ran (rtorrent truly on its own); else poll <c>d.complete</c> this often.</param>
    /// <returns>Load → complete, the part of it the load call took, and when the finish hook ran (same origin).</returns>
    public static async Task<(TimeSpan Complete, TimeSpan Load, TimeSpan? Hook)> CompleteAsync(
        RTorrentDaemon rtorrent, string signals, PublishedTorrent torrent, TimeSpan? pollEvery)
    {
        var bytes = await File.ReadAllBytesAsync(torrent.TorrentPath);
        var directory = Path.Combine(rtorrent.DownloadDirectory, torrent.Package.Name);
        Directory.CreateDirectory(directory);
        var signal = Path.Combine(signals, torrent.InfoHash);
        var started = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var hash = await rtorrent.Client.LoadAsync(bytes, new TorrentLoadOptions { Directory = directory, Label = "bench", Start = true });
        var load = clock.Elapsed;
        TimeSpan? seen = null;
        while (seen is null)
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"rtorrent did not finish {torrent.Package.FileName} within {Patience.TotalSeconds} s\n{rtorrent.Diagnostics()}");
            }

            if (pollEvery is { } interval)
            {
                var status = await rtorrent.Client.GetStatusAsync([hash]);
                if (status.TryGetValue(hash, out var download) && download.IsComplete)
                {
                    seen = clock.Elapsed;
                }
                else
                {
                    await Task.Delay(interval);
                }
            }
            else if (File.Exists(signal))
            {
                var status = await rtorrent.Client.GetStatusAsync([hash]);
                if (!status.TryGetValue(hash, out var download) || !download.IsComplete)
                {
                    throw new InvalidOperationException($"{torrent.Package.FileName}: the finish hook ran but d.complete is not 1\n{rtorrent.Diagnostics()}");
                }

                seen = HookTime(signal, started);
            }
            else
            {
                await Task.Delay(1);
            }
        }

        // The hook may run a moment after d.complete turned 1; wait for it briefly to record both.
        for (var wait = 0; wait < 50 && !File.Exists(signal); wait++)
        {
            await Task.Delay(2);
        }

        return (seen.Value, load, File.Exists(signal) ? HookTime(signal, started) : null);
    }

    private static TimeSpan HookTime(string signal, DateTimeOffset started) =>
        new DateTimeOffset(File.GetLastWriteTimeUtc(signal), TimeSpan.Zero) - started;
}
