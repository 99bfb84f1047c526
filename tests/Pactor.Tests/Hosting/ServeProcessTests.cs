using System.Diagnostics;
using System.Net;

namespace Pactor.Tests.Hosting;

/// <summary>The real executable: <c>dotnet pactor.dll serve</c> on loopback, fetching from a real HTTP upstream, stopped by SIGTERM.</summary>
public sealed class ServeProcessTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Date = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LoopbackUpstream upstream = new();
    private readonly string cache = Path.Combine(Path.GetTempPath(), "pactor-serve-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => upstream.InitializeAsync();

    [Fact]
    public async Task Serve_fetches_a_database_from_the_upstream_and_stops_cleanly_on_SIGTERM()
    {
        var database = new byte[50_000];
        new Random(7).NextBytes(database);
        upstream.Put("/core/os/x86_64/core.db", database, Date);
        var port = FreePort.Find();
        using var pactor = Start(
            "serve", "--listen", $"http://127.0.0.1:{port}", "--cache-dir", cache,
            "--upstream", $"{upstream.BaseUrl}$repo/os/$arch",
            "--rtorrent", $"scgi://127.0.0.1:{FreePort.Find()}", "--mirrorlist", Path.Combine(cache, "none"));
        var output = new ProcessOutput(pactor);
        try
        {
            await output.WaitForAsync("Now listening on: http://127.0.0.1:" + port, TimeSpan.FromSeconds(30));
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using var response = await client.GetAsync("/core/os/x86_64/core.db");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(database, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(Date, response.Content.Headers.LastModified);
            Assert.Contains(upstream.Requests, r => r.Path == "/core/os/x86_64/core.db" && r.UserAgent.StartsWith("pactor/", StringComparison.Ordinal));

            await SignalAsync("TERM", pactor.Id);
            await pactor.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, pactor.ExitCode);
            Assert.Contains("GET /core/os/x86_64/core.db upstream 200 50000 bytes", output.Text, StringComparison.Ordinal);
        }
        finally
        {
            if (!pactor.HasExited)
            {
                pactor.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Without_rtorrent_serve_runs_its_own_restarts_it_when_it_dies_and_stops_it()
    {
        var port = FreePort.Find();
        using var pactor = Start(
            "serve", "--listen", $"http://127.0.0.1:{port}", "--cache-dir", cache,
            "--upstream", $"{upstream.BaseUrl}$repo/os/$arch", "--mirrorlist", Path.Combine(cache, "none"));
        var output = new ProcessOutput(pactor);
        try
        {
            await output.WaitForAsync("Now listening on: http://127.0.0.1:" + port, TimeSpan.FromSeconds(30));
            var socket = Path.Combine(cache, "rtorrent", "rpc.sock");
            var first = ManagedPid();
            Assert.True(File.Exists(socket), output.Text);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(cache, "rtorrent")));
            var ping = await PactorCliAsync("rtorrent", "ping", "--rtorrent", "scgi://" + socket);
            Assert.Contains("rtorrent 0.9.8", ping, StringComparison.Ordinal);

            await SignalAsync("KILL", first);
            await output.WaitForAsync("restarting in", TimeSpan.FromSeconds(10));
            await output.WaitForAsync($"Started rtorrent (PID", TimeSpan.FromSeconds(20), occurrence: 2);
            var second = ManagedPid();
            Assert.NotEqual(first, second);

            await SignalAsync("TERM", pactor.Id);
            await pactor.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, pactor.ExitCode);
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(second));
        }
        finally
        {
            if (!pactor.HasExited)
            {
                pactor.Kill(entireProcessTree: true);
            }

            if (File.Exists(Path.Combine(cache, "rtorrent", "rtorrent.pid")))
            {
                try
                {
                    Process.GetProcessById(ManagedPid()).Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        if (Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private int ManagedPid() =>
        int.Parse(File.ReadAllText(Path.Combine(cache, "rtorrent", "rtorrent.pid")), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> PactorCliAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);
        return stdout;
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pactor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Settings from the test's own environment must not leak into the child.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Pactor__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Collects a child's stdout and stderr; lets a test wait for a line.</summary>
    private sealed class ProcessOutput
    {
        private readonly System.Text.StringBuilder text = new();
        private readonly Process process;

        public ProcessOutput(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Text
        {
            get
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }

        public async Task WaitForAsync(string fragment, TimeSpan timeout, int occurrence = 1)
        {
            var watch = Stopwatch.StartNew();
            while (CountOf(fragment) < occurrence)
            {
                if (process.HasExited)
                {
                    Assert.Fail($"pactor exited ({process.ExitCode}):\n{Text}");
                }

                Assert.True(watch.Elapsed < timeout, $"no '{fragment}' after {timeout}:\n{Text}");
                await Task.Delay(50);
            }
        }

        private int CountOf(string fragment)
        {
            var all = Text;
            var count = 0;
            for (var at = all.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = all.IndexOf(fragment, at + 1, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        private void Append(string? line)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}
