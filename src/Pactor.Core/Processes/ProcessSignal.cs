using System.Runtime.InteropServices;

namespace Pactor.Core.Processes;

/// <summary>Sends a POSIX signal to another process: .NET itself can only SIGKILL them.</summary>
public static class ProcessSignal
{
    /// <summary>Hang-up: opentracker rereads its whitelist.</summary>
    public const int Hangup = 1;

    /// <summary>Interrupt: rtorrent saves its session and exits.</summary>
    public const int Interrupt = 2;

    /// <summary>errno for a process that does not exist.</summary>
    public const int NoSuchProcess = 3;

    /// <returns>0 when sent, otherwise the errno (<see cref="NoSuchProcess"/>, or a permission error).</returns>
    public static int Send(int pid, int signal) => kill(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int sig);
}
