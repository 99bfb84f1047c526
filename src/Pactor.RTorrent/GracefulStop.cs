using System.Diagnostics;
using System.Globalization;
using Pactor.Core.Processes;

namespace Pactor.RTorrent;

/// <summary>Stops a child process the way rtorrent wants it: SIGINT (it saves its session), then SIGKILL after a grace period.</summary>
internal static class GracefulStop
{
    /// <returns>True when the process had to be killed.</returns>
    public static async Task<bool> StopAsync(Process process, TimeSpan grace, TimeProvider time, CancellationToken cancellationToken)
    {
        _ = ProcessSignal.Send(process.Id, ProcessSignal.Interrupt);
        using var timeout = new CancellationTokenSource(grace, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token);
            return false;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            return true;
        }
    }

    /// <summary>Whether process <paramref name="pid"/> still runs with <paramref name="fragment"/> in its command line (Linux /proc).</summary>
    public static async Task<bool> RunsWithAsync(int pid, string fragment, CancellationToken cancellationToken)
    {
        var path = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "cmdline");
        try
        {
            return (await File.ReadAllTextAsync(path, cancellationToken)).Contains(fragment, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
