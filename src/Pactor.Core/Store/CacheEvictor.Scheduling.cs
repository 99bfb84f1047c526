using Microsoft.Extensions.Logging;
using Pactor.Core.Paths;

namespace Pactor.Core.Store;

/// <summary>When <see cref="CacheEvictor"/> scans: at start-up, shortly after packages land, and periodically.</summary>
public sealed partial class CacheEvictor
{
    /// <summary>How long a scan waits after a package lands, so that a burst of downloads costs one scan.</summary>
    public static readonly TimeSpan LandingDelay = TimeSpan.FromSeconds(10);

    /// <summary>The longest time between scans (for the age limit, and to refresh <see cref="CacheStatistics"/>).</summary>
    public static readonly TimeSpan MaxScanInterval = TimeSpan.FromHours(1);

    private TaskCompletionSource landed = NewSignal();

    /// <summary>Scans at once, then after packages land (<see cref="LandingDelay"/>) and at least every <see cref="MaxScanInterval"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        store.PackageVerified += OnPackageVerified;
        try
        {
            var interval = options.Value.CacheMaxAge is { } age && age < MaxScanInterval ? age : MaxScanInterval;
            while (true)
            {
                // Set up before the scan: a package landing during it is news for the next one.
                var signal = NewSignal();
                Volatile.Write(ref landed, signal);
                await ScanLoggedAsync(cancellationToken);
                if (await WaitForLandingAsync(signal.Task, interval, cancellationToken))
                {
                    await Task.Delay(LandingDelay, time, cancellationToken);
                }
            }
        }
        finally
        {
            store.PackageVerified -= OnPackageVerified;
        }
    }

    private async Task ScanLoggedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EvictAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogScanFailed(e.Message);
        }
    }

    private async Task<bool> WaitForLandingAsync(Task signal, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(signal, Task.Delay(interval, time, wait.Token));
        await wait.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == signal;
    }

    private void OnPackageVerified(MirrorFile file) => Volatile.Read(ref landed).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning the package cache failed: {Reason}")]
    private partial void LogScanFailed(string reason);
}
