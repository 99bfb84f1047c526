using System.Runtime.InteropServices;

namespace Pactor.RTorrent;

/// <summary>POSIX signals to other processes (.NET can only SIGKILL them).</summary>
internal static partial class Signals
{
    private const int SigInt = 2;

    /// <summary>SIGINT: rtorrent saves its session and exits within a second.</summary>
    public static bool Interrupt(int pid) => kill(pid, SigInt) == 0;

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int sig);
}
