using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Pactor.RTorrent;

/// <summary>
/// An rtorrent that pactor starts, watches and stops: rendered from the client rc template, SCGI on a
/// unix socket in a private directory, restarted with backoff when it dies, stopped with SIGINT (it
/// saves its session) and killed if it does not exit in time. A stale rtorrent left by a crashed
/// pactor (its PID file) is stopped before a new one starts.
/// </summary>
public sealed partial class ManagedRTorrent(ManagedRTorrentOptions options, TimeProvider time, ILogger<ManagedRTorrent> logger) : IAsyncDisposable
{
    private readonly string work = Path.GetFullPath(options.WorkDirectory);
    private Process? process;
    private readonly SemaphoreSlim launches = new(1, 1);
    private int port = options.Port;
    private volatile bool stopping;

    public RTorrentEndpoint Endpoint => RTorrentEndpoint.Parse("scgi://" + SocketPath);

    public int? ProcessId => process is { HasExited: false } p ? p.Id : null;

    /// <summary>How many times rtorrent was restarted after dying.</summary>
    public int Restarts { get; private set; }

    private string SocketPath => Path.Combine(work, "rpc.sock");

    private string PidFile => Path.Combine(work, "rtorrent.pid");

    public string LogFile => Path.Combine(work, "rtorrent.log");

    private string RcFile => Path.Combine(work, "rtorrent.rc");

    private string PortFile => Path.Combine(work, "peer-port");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Prepare();
        await StopStaleAsync(cancellationToken);
        WriteRc();
        await LaunchAsync(cancellationToken);
    }

    /// <summary>Watches rtorrent until cancelled, restarting it with backoff whenever it dies.</summary>
    public async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var delay = options.RestartDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var running = process ?? throw new InvalidOperationException("rtorrent was not started");
            await running.WaitForExitAsync(cancellationToken);
            if (stopping)
            {
                return;
            }

            LogDied(running.ExitCode, delay.TotalSeconds);
            await Task.Delay(delay, time, cancellationToken);
            // A restart and a stop never overlap: a stop that comes during a restart waits for it and stops the new
            // process, and a restart after a stop does not happen (a Ctrl-C in a terminal reaches rtorrent too, and its
            // exit must not bring it back while pactor shuts down).
            await launches.WaitAsync(cancellationToken);
            try
            {
                if (stopping)
                {
                    return;
                }

                await LaunchAsync(cancellationToken);
                Restarts++;
                delay = options.RestartDelay;
            }
            catch (RTorrentUnreachableException e)
            {
                LogRestartFailed(e.Message);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRestartDelay.Ticks));
            }
            finally
            {
                launches.Release();
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        await launches.WaitAsync(cancellationToken);
        try
        {
            if (process is { HasExited: false } running)
            {
                await StopProcessAsync(running, cancellationToken);
            }

            File.Delete(PidFile);
        }
        finally
        {
            launches.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        process?.Dispose();
        launches.Dispose();
    }

    private void Prepare()
    {
        Directory.CreateDirectory(work);
        if (!OperatingSystem.IsWindows())
        {
            // SCGI has no authentication: only pactor's user may reach the socket.
            File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Directory.CreateDirectory(Path.Combine(work, "session"));
        Directory.CreateDirectory(options.DownloadDirectory);
        if (System.Text.Encoding.UTF8.GetByteCount(SocketPath) > RTorrentEndpoint.MaxSocketPathBytes)
        {
            throw new RTorrentUnreachableException(SocketPath, $"socket path longer than {RTorrentEndpoint.MaxSocketPathBytes} bytes; use a shorter cache directory");
        }

    }

    private void WriteRc()
    {
        if (port == 0)
        {
            port = KeptPeerPort.Choose(PortFile, options.BindAddress);
        }

        var rc = RTorrentConfigTemplate.Render(options.Template ?? RTorrentConfigTemplate.Client, new RTorrentConfigValues
        {
            SessionDirectory = Path.Combine(work, "session"),
            DownloadDirectory = Path.GetFullPath(options.DownloadDirectory),
            LogFile = LogFile,
            Scgi = Endpoint,
            BindAddress = options.BindAddress,
            Port = port,
        });
        File.WriteAllText(RcFile, rc);
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        File.Delete(SocketPath);
        var start = new ProcessStartInfo(options.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = work,
        };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add("import=" + RcFile);
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("rtorrent did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RTorrentUnreachableException(Endpoint.ToString(), $"cannot start '{options.Executable}': {e.Message} (is it installed? apt-get install rtorrent)", e);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                LogStderr(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await File.WriteAllTextAsync(PidFile, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await WaitUntilAnswersAsync(process, cancellationToken);
        LogStarted(process.Id, SocketPath, port);
    }

    private async Task WaitUntilAnswersAsync(Process started, CancellationToken cancellationToken)
    {
        var client = RTorrentClientFactory.Create(Endpoint, new RTorrentOptions { Endpoint = Endpoint.ToString(), CallTimeout = TimeSpan.FromSeconds(1), RetryAttempts = 0 }, time);
        var deadline = time.GetUtcNow() + options.StartTimeout;
        while (true)
        {
            if (started.HasExited)
            {
                throw new RTorrentUnreachableException(Endpoint.ToString(), $"rtorrent exited with code {started.ExitCode} at start; see {LogFile}");
            }

            try
            {
                await client.GetVersionAsync(cancellationToken);
                return;
            }
            catch (RTorrentUnreachableException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }
        }
    }

    private async Task StopStaleAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(PidFile) || !int.TryParse(await File.ReadAllTextAsync(PidFile, cancellationToken), CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        // Only a process started with this directory's rc file (rtorrent names its thread "rtorrent main").
        if (await GracefulStop.RunsWithAsync(pid, "import=" + RcFile, cancellationToken))
        {
            try
            {
                using var stale = Process.GetProcessById(pid);
                LogStoppingStale(pid);
                await StopProcessAsync(stale, cancellationToken);
            }
            catch (ArgumentException)
            {
                // Exited meanwhile: nothing to stop.
            }
        }

        File.Delete(PidFile);
    }

    private async Task StopProcessAsync(Process running, CancellationToken cancellationToken)
    {
        var pid = running.Id;
        if (await GracefulStop.StopAsync(running, options.StopTimeout, time, cancellationToken))
        {
            LogKilled(pid);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started rtorrent (PID {Pid}) on {Socket}, peer port {Port}")]
    private partial void LogStarted(int pid, string socket, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "rtorrent exited with code {Code}; restarting in {Seconds} s")]
    private partial void LogDied(int code, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting rtorrent failed: {Reason}")]
    private partial void LogRestartFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping a stale rtorrent (PID {Pid}) left by an earlier run")]
    private partial void LogStoppingStale(int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rtorrent (PID {Pid}) did not stop in time; killed")]
    private partial void LogKilled(int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rtorrent: {Line}")]
    private partial void LogStderr(string line);
}
