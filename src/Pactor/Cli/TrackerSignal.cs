using System.Runtime.InteropServices;
using Pactor.Core.Processes;

namespace Pactor.Cli;

/// <summary>Tells opentracker to reread its whitelist: it does on SIGHUP.</summary>
public static class TrackerSignal
{
    /// <exception cref="CliException">The process does not exist or may not be signalled.</exception>
    public static void Reload(int pid)
    {
        var error = ProcessSignal.Send(pid, ProcessSignal.Hangup);
        if (error != 0)
        {
            throw new CliException(error == ProcessSignal.NoSuchProcess
                ? $"--tracker-pid {pid}: no such process"
                : $"--tracker-pid {pid}: cannot send SIGHUP: {Marshal.GetPInvokeErrorMessage(error)}");
        }
    }
}
