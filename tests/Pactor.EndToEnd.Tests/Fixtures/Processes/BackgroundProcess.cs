using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pactor.EndToEnd.Tests.Fixtures.Processes;

/// <summary>
/// A long-running program (a server) for the length of a test: output captured (stdout and stderr, the last
/// <see cref="MaxLines"/> lines), bounded readiness waits that fail with that output, and a stop that signals
/// first and kills the whole process tree after a grace period. Dispose always leaves nothing running.
/// </summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    public const int MaxLines = 2000;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private BackgroundProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string CommandLine { get; private init; } = string.Empty;

    public bool HasExited => _process.HasExited;

    /// <summary>The captured output so far, one line each, prefixed with seconds since start and the stream.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static BackgroundProcess Start(
        string name,
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(Path.IsPathRooted(program) ? program : RequiredProgram.Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var started = new BackgroundProcess(name, process) { CommandLine = string.Join(' ', startInfo.ArgumentList.Prepend(program)) };
        process.OutputDataReceived += (_, line) => started.Record("out", line.Data);
        process.ErrorDataReceived += (_, line) => started.Record("err", line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until a captured line contains <paramref name="text"/>.</summary>
    /// <exception cref="ExternalCommandException">It exited or <paramref name="timeout"/> passed first.</exception>
    public Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync($"output \"{text}\"", _ => Task.FromResult(Output.Contains(text, StringComparison.Ordinal)), timeout, cancellationToken);

    /// <summary>Waits until <paramref name="endpoint"/> accepts a TCP connection.</summary>
    public Task WaitForTcpAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync($"a TCP listener on {endpoint}", async token =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(endpoint, token);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, timeout, cancellationToken);

    /// <summary>Waits until <paramref name="url"/> gives any HTTP answer (a 404 counts: the server is up).</summary>
    public Task WaitForHttpAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync($"an HTTP answer from {url}", async token =>
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                using var response = await client.GetAsync(url, token);
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, timeout, cancellationToken);

    /// <summary>Sends <paramref name="signal"/> (INT, TERM, HUP...), waits up to <paramref name="grace"/>, then kills the tree.</summary>
    /// <param name="wholeGroup">
    /// Signal the process group the process leads (started under <c>setsid</c>), as a terminal's Ctrl-C does: its
    /// children get the signal too.
    /// </param>
    /// <returns>The exit code.</returns>
    public async Task<int> StopAsync(string signal = "INT", TimeSpan? grace = null, bool wholeGroup = false)
    {
        if (!_process.HasExited)
        {
            await SignalAsync(signal, wholeGroup);
            using var patience = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Record("test", $"no exit {(grace ?? TimeSpan.FromSeconds(5)).TotalSeconds} s after SIG{signal}: killed");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        return _process.ExitCode;
    }

    /// <summary>Sends a signal without waiting (e.g. HUP to make opentracker reread its whitelist).</summary>
    public async Task SignalAsync(string signal, bool wholeGroup = false)
    {
        var target = (wholeGroup ? "-" : "") + Id.ToString(CultureInfo.InvariantCulture);
        var result = await ExternalCommand.RunAsync("kill", [$"-{signal}", "--", target], timeout: TimeSpan.FromSeconds(5));
        if (!result.Succeeded && !_process.HasExited)
        {
            result.EnsureSuccess(Describe());
        }
    }

    /// <summary>Name, command line, state and captured output, for failure messages.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : $"running as pid {Id}";
        return $"{Name} ({state}, {_clock.Elapsed.TotalSeconds:0.00} s after start)\n$ {CommandLine}\n{Output}";
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(grace: TimeSpan.FromSeconds(3));
        _process.Dispose();
    }

    private async Task WaitUntilAsync(string what, Func<CancellationToken, Task<bool>> isReady, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await isReady(deadline.Token))
            {
                if (_process.HasExited)
                {
                    throw new ExternalCommandException($"{Name} exited before {what}", Describe());
                }

                await Task.Delay(TimeSpan.FromMilliseconds(25), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExternalCommandException($"{Name}: still waiting for {what} after {timeout.TotalSeconds} s", Describe());
        }
    }

    private void Record(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,7:0.000} {stream}] {line}"));
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
