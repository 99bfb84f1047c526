using System.Runtime.InteropServices;

namespace Pactor.Cli;

/// <summary>Tells opentracker to reread its whitelist: it does on SIGHUP.</summary>
public static partial class TrackerSignal
{
    private const int SigHup = 1;
    private const int NoSuchProcess = 3;

    /// <exception cref="CliException">The process does not exist or may not be signalled.</exception>
    public static void Reload(int pid)
    {
        if (kill(pid, SigHup) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new CliException(error == NoSuchProcess
                ? $"--tracker-pid {pid}: no such process"
                : $"--tracker-pid {pid}: cannot send SIGHUP: {Marshal.GetPInvokeErrorMessage(error)}");
        }
    }

    // .NET can only SIGKILL other processes.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int sig);
}
