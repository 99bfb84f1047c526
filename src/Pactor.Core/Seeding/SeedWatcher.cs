using System.Threading.Channels;

namespace Pactor.Core.Seeding;

/// <summary>
/// Decides when to scan a mirror tree again: once at the start, after a burst of changes has gone quiet
/// (<see cref="SeedWatchOptions.Debounce"/>, a <see cref="FileSystemWatcher"/> on the whole tree), and every
/// <see cref="SeedWatchOptions.RescanInterval"/> regardless. Changes to <c>.torrent</c> files and hidden
/// files (the scan's own temporary files, rsync's partial ones) do not count: the scan writes those itself.
/// </summary>
public sealed class SeedWatcher(string root, SeedWatchOptions options, TimeProvider time)
{
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private int changesSeen;

    /// <summary>Change events that counted so far (for tests: the watcher saw the change).</summary>
    internal int ChangesSeen => Volatile.Read(ref changesSeen);

    /// <summary>Runs <paramref name="scan"/> as described until cancelled; an exception from it ends the watch.</summary>
    /// <exception cref="OperationCanceledException">Always, in the end.</exception>
    public async Task RunAsync(Func<CancellationToken, Task> scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        using var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, e) => OnChange(e.Name);
        watcher.Changed += (_, e) => OnChange(e.Name);
        watcher.Deleted += (_, e) => OnChange(e.Name);
        watcher.Renamed += (_, e) =>
        {
            OnChange(e.OldName);
            OnChange(e.Name);
        };

        // A lost event (queue overflow) may hide any change: scan.
        watcher.Error += (_, _) => Signal();
        watcher.EnableRaisingEvents = true;

        // Started before the first scan, so what changes during it is scanned again afterwards.
        await scan(cancellationToken);
        while (true)
        {
            if (await WaitForChangeAsync(cancellationToken))
            {
                await SettleAsync(cancellationToken);
            }

            await scan(cancellationToken);
        }
    }

    /// <summary>Whether a change event with this root-relative name should lead to a scan.</summary>
    internal static bool Counts(string? relativeName)
    {
        if (string.IsNullOrEmpty(relativeName))
        {
            return true;
        }

        var name = Path.GetFileName(relativeName);
        return !name.StartsWith('.') && !name.EndsWith(".torrent", StringComparison.Ordinal);
    }

    private void OnChange(string? relativeName)
    {
        if (Counts(relativeName))
        {
            Signal();
        }
    }

    private void Signal()
    {
        Interlocked.Increment(ref changesSeen);
        changes.Writer.TryWrite(true);
    }

    /// <returns>True for a change, false when the rescan interval passed without one.</returns>
    private async Task<bool> WaitForChangeAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var change = changes.Reader.WaitToReadAsync(stop.Token).AsTask();
        var rescan = Task.Delay(options.RescanInterval, time, stop.Token);
        var first = await Task.WhenAny(change, rescan);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == change;
    }

    /// <summary>Waits until no change came for <see cref="SeedWatchOptions.Debounce"/>, or <see cref="SeedWatchOptions.MaxDelay"/> passed.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            changes.Reader.TryRead(out _);
            var left = options.MaxDelay - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(options.Debounce < left ? options.Debounce : left, time, cancellationToken);
            if (!changes.Reader.TryPeek(out _))
            {
                return;
            }
        }
    }
}
