using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pactor.RTorrent.Tests.Integration;

/// <summary>Starts the real programs these tests drive; a missing one fails the test with the package to install.</summary>
internal static class ExternalProgram
{
    private const int SigInt = 2;
    private const int SigHup = 1;

    public static string Require(string program, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Fail($"{program} not installed (apt-get install {package})");
        }

        return found;
    }

    /// <summary>Starts the program with its output collected into <paramref name="output"/> (the pipes must be drained).</summary>
    public static Process Start(string path, ConcurrentQueue<string> output, params string[] arguments)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
        process.OutputDataReceived += (_, line) => Collect(output, line.Data);
        process.ErrorDataReceived += (_, line) => Collect(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGINT (rtorrent saves its session and exits), then SIGKILL if it is still there after the grace time.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigInt);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    /// <summary>opentracker reloads its whitelist on SIGHUP.</summary>
    public static void Hangup(Process process) => _ = Kill(process.Id, SigHup);

    private static void Collect(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    // DllImport rather than LibraryImport: the generated stub would need unsafe code in the test project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
