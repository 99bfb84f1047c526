using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Docker;

/// <summary>
/// docker/rtorrent-entrypoint.sh, the image's pactor-rtorrent, run here against the real rtorrent:
/// it must render a template exactly as pactor's own renderer does, and refuse what that refuses.
/// </summary>
public sealed class RTorrentEntrypointTests
{
    private const string Script = "docker/rtorrent-entrypoint.sh";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("client.rtorrent.rc")]
    [InlineData("seedbox.rtorrent.rc")]
    public async Task The_script_renders_the_template_as_pactor_does_and_rtorrent_answers_on_the_socket(string template)
    {
        _ = ExternalProgram.Require("rtorrent", "rtorrent");
        using var root = new TempDirectory("pactor-docker-");
        var address = LoopbackAddresses.Next();
        var port = LoopbackAddresses.UnusedPort(address);
        var socket = root.Combine("run", "rpc.sock");
        var home = root.Combine("home");
        var output = new ConcurrentQueue<string>();

        var process = Start(template, Settings(socket, home, address, port), output);
        RTorrentVersion version;
        try
        {
            version = await WaitForVersionAsync(socket, process, output);
        }
        finally
        {
            await ExternalProgram.StopAsync(process, TimeSpan.FromSeconds(5));
        }

        Assert.NotEmpty(version.Client);
        var expected = RTorrentConfigTemplate.Render(RepositoryFiles.Read($"rtorrent/{template}"), new RTorrentConfigValues
        {
            SessionDirectory = Path.Combine(home, "session"),
            DownloadDirectory = Path.Combine(home, "downloads"),
            LogFile = Path.Combine(home, "rtorrent.log"),
            Scgi = RTorrentEndpoint.Parse("scgi://" + socket),
            BindAddress = address,
            Port = port,
        });
        Assert.Equal(expected, await File.ReadAllTextAsync(Path.Combine(home, "rtorrent.rc")));
    }

    [Theory]
    [InlineData("RTORRENT_HOME", "{root}/with space")]
    [InlineData("RTORRENT_SOCKET", "run/rpc.sock")]
    [InlineData("RTORRENT_LOG", "{root}/log;execute=touch,{root}/owned")]
    [InlineData("RTORRENT_BIND", "localhost")]
    [InlineData("RTORRENT_LOCAL_ADDRESS", "0.0.0.0")]
    [InlineData("RTORRENT_PORT", "70000")]
    [InlineData("RTORRENT_PORT", "6881-6889")]
    public async Task The_script_refuses_a_value_the_rc_parser_could_misread(string name, string value)
    {
        using var root = new TempDirectory("pactor-docker-");
        var address = LoopbackAddresses.Next();
        var settings = Settings(root.Combine("run", "rpc.sock"), root.Combine("home"), address, LoopbackAddresses.UnusedPort(address));
        settings[name] = value.Replace("{root}", root.Path, StringComparison.Ordinal);

        var run = await ProgramRun.RunAsync("/bin/sh", [RepositoryFiles.PathOf(Script), RepositoryFiles.PathOf("rtorrent/client.rtorrent.rc")], environment: settings);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"pactor-rtorrent: {name} ", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Path));
    }

    [Fact]
    public async Task The_script_refuses_a_template_without_its_scgi_line()
    {
        using var root = new TempDirectory("pactor-docker-");
        var template = root.Combine("broken.rc");
        await File.WriteAllTextAsync(template, "system.daemon.set = true\nnetwork.scgi.open_port = 0.0.0.0:5000\n");
        var address = LoopbackAddresses.Next();

        var run = await ProgramRun.RunAsync(
            "/bin/sh",
            [RepositoryFiles.PathOf(Script), template],
            environment: Settings(root.Combine("run", "rpc.sock"), root.Combine("home"), address, LoopbackAddresses.UnusedPort(address)));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("no line that is just @SCGI@", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root.Combine("home")));
    }

    private static Dictionary<string, string?> Settings(string socket, string home, IPAddress address, int port) => new()
    {
        ["RTORRENT_SOCKET"] = socket,
        ["RTORRENT_HOME"] = home,
        ["RTORRENT_DOWNLOADS"] = null,
        ["RTORRENT_LOG"] = null,
        ["RTORRENT_BIND"] = address.ToString(),
        ["RTORRENT_LOCAL_ADDRESS"] = address.ToString(),
        ["RTORRENT_PORT"] = port.ToString(CultureInfo.InvariantCulture),
    };

    private static Process Start(string template, Dictionary<string, string?> settings, ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryFiles.PathOf(Script));
        start.ArgumentList.Add(RepositoryFiles.PathOf($"rtorrent/{template}"));
        foreach (var (name, value) in settings)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("sh did not start");
        process.OutputDataReceived += (_, line) => Collect(output, line.Data);
        process.ErrorDataReceived += (_, line) => Collect(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Collect(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static async Task<RTorrentVersion> WaitForVersionAsync(string socket, Process process, ConcurrentQueue<string> output)
    {
        var client = RTorrentClientFactory.Create(
            RTorrentEndpoint.Parse("scgi://" + socket),
            new RTorrentOptions { RetryAttempts = 0, CallTimeout = TimeSpan.FromSeconds(1) });
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await client.GetVersionAsync();
            }
            catch (RTorrentUnreachableException) when (watch.Elapsed < StartTimeout && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (RTorrentUnreachableException e)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : $"did not answer within {StartTimeout.TotalSeconds} s ({e.Reason})";
                Assert.Fail($"rtorrent started by {Script} {why}:\n{string.Join('\n', output)}");
                throw;
            }
        }
    }
}
