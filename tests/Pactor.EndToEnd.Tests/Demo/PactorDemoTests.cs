using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Demo;

/// <summary>
/// The real <c>pactor demo</c> as a newcomer runs it: its printed curl URL and pacman command work (real pacman, as
/// root), the packages come from the swarm, and Ctrl-C leaves no folder and no rtorrent behind.
/// </summary>
public sealed partial class PactorDemoTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A newcomer reads the instructions before typing them. The demo's swarm once emptied 45 s after <c>ready</c>
    /// (its tracker forgot the seeder long before rtorrent's next announce, 600 s away), so the printed commands fell
    /// back to HTTP; fetching at once never saw it. Slow by design.
    /// </summary>
    private static readonly TimeSpan ReadingTime = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_minute_after_ready_the_printed_url_and_pacman_command_get_packages_from_the_swarm_and_ctrl_c_cleans_up()
    {
        RequiredProgram.EnsureRoot("pacman -Syw refuses to run without root");
        RequiredProgram.Find("rtorrent");
        var listen = $"http://{LoopbackRoles.Pactor}:{LoopbackPort.Free(LoopbackRoles.Pactor).ToString(CultureInfo.InvariantCulture)}";
        await using var demo = StartDemo(listen, "--size", "2M");
        await demo.WaitForOutputAsync("ready:", ReadyTimeout);
        var output = demo.Output;
        var directory = Single(ReadyDirectory(), output, demo);
        var printedSha256 = PackageLine().Matches(output).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["sha"].Value);
        var url = new Uri(Single(CurlUrl(), output, demo));
        var pacmanCommand = Single(PacmanCommand(), output, demo).Split(' ');
        var database = (await RepoDatabaseDump.ReadAsync(Directory.GetFiles(Path.Combine(directory, "mirror"), "pactor-demo.db", SearchOption.AllDirectories).Single()))
            .ToDictionary(entry => entry.Value["%FILENAME%"], entry => entry.Value["%SHA256SUM%"]);
        var demoRTorrents = RTorrentProcessesIn(directory);
        await Task.Delay(ReadingTime);

        // curl's URL: 200 straight from pactor (no redirect), the database's bytes, fetched over BitTorrent.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}\n{demo.Describe()}");
        var fileName = url.Segments[^1];
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(database[fileName], sha256);
        Assert.Equal(printedSha256[fileName.Split("-1.0-1-")[0]], sha256);
        await demo.WaitForOutputAsync($"  request  {url.AbsolutePath}  swarm  200", LineTimeout);

        // The printed pacman command, as printed: -Syw into the demo's own cache.
        Assert.Equal("pacman", pacmanCommand[0]);
        (await ExternalCommand.RunAsync("pacman", pacmanCommand[1..], timeout: TimeSpan.FromSeconds(60))).EnsureSuccess(demo.Describe());
        var pacmanPackage = $"{pacmanCommand[^1]}-1.0-1-any.pkg.tar.gz";
        var downloaded = Path.Combine(directory, "pacman", "cache", pacmanPackage);
        Assert.True(File.Exists(downloaded), $"{downloaded} missing\n{demo.Describe()}");
        Assert.Equal(database[pacmanPackage], Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(downloaded))));
        await demo.WaitForOutputAsync($"{pacmanPackage}  swarm  200", LineTimeout);

        // Ctrl-C: exit 0, the folder gone, both rtorrents gone.
        Assert.Equal(2, demoRTorrents.Count);
        var exitCode = await demo.StopAsync("INT", TimeSpan.FromSeconds(10));
        Assert.True(exitCode == 0, demo.Describe());
        Assert.Contains($"stopped; removed {directory}", demo.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), $"{directory} is still there");
        Assert.Empty(RTorrentProcessesIn(directory));
    }

    [Fact]
    public async Task Sigterm_stops_it_like_ctrl_c()
    {
        var listen = $"http://{LoopbackRoles.Pactor}:{LoopbackPort.Free(LoopbackRoles.Pactor).ToString(CultureInfo.InvariantCulture)}";
        await using var demo = StartDemo(listen, "--packages", "1", "--size", "64K");
        await demo.WaitForOutputAsync("ready:", ReadyTimeout);
        var directory = Single(ReadyDirectory(), demo.Output, demo);
        Assert.Equal(2, RTorrentProcessesIn(directory).Count);

        var exitCode = await demo.StopAsync("TERM", TimeSpan.FromSeconds(10));

        Assert.True(exitCode == 0, demo.Describe());
        Assert.False(Directory.Exists(directory), $"{directory} is still there");
        Assert.Empty(RTorrentProcessesIn(directory));
    }

    /// <summary>
    /// A terminal's Ctrl-C signals the whole foreground process group: pactor and its rtorrents at once. Before, the
    /// demo's web hosts and the command line both handled SIGINT, the command ended first and the command line's handler
    /// then crashed the process (exit 134, a stack trace); and the client's rtorrent, exiting on the same signal, was
    /// restarted by its supervisor while pactor shut down.
    /// </summary>
    [Fact]
    public async Task Ctrl_c_to_the_whole_process_group_exits_0_without_a_trace_and_restarts_nothing()
    {
        var listen = $"http://{LoopbackRoles.Pactor}:{LoopbackPort.Free(LoopbackRoles.Pactor).ToString(CultureInfo.InvariantCulture)}";
        await using var demo = StartDemo(listen, inItsOwnGroup: true, "--packages", "1", "--size", "64K");
        await demo.WaitForOutputAsync("ready:", ReadyTimeout);
        var directory = Single(ReadyDirectory(), demo.Output, demo);
        Assert.Equal(2, RTorrentProcessesIn(directory).Count);

        var exitCode = await demo.StopAsync("INT", TimeSpan.FromSeconds(10), wholeGroup: true);

        Assert.True(exitCode == 0, demo.Describe());
        Assert.Contains($"stopped; removed {directory}", demo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", demo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("restarting in", demo.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), $"{directory} is still there");
        Assert.Empty(RTorrentProcessesIn(directory));
    }

    [Fact]
    public async Task A_listen_address_in_use_is_one_line_and_exit_code_1_and_nothing_is_left()
    {
        using var taken = new TcpListener(LoopbackRoles.Pactor, 0);
        taken.Start();
        var listen = $"http://{LoopbackRoles.Pactor}:{((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";

        var result = await PactorCli.RunAsync(["demo", "--listen", listen], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1, result.Describe());
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pactor: --listen: ", error, StringComparison.Ordinal);
        Assert.Contains("address already in use", error, StringComparison.Ordinal);
        var directory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(
            RepositoryFolder().Match(result.Stdout).Groups["folder"].Value))))!;
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "pactor-demo-"), directory, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), $"{directory} is still there");
        Assert.Empty(RTorrentProcessesIn(directory));
    }

    private static BackgroundProcess StartDemo(string listen, params string[] options) => StartDemo(listen, inItsOwnGroup: false, options);

    // In its own group: under setsid, which execs in place (the child is no group leader), so the PID is pactor's.
    private static BackgroundProcess StartDemo(string listen, bool inItsOwnGroup, params string[] options) => BackgroundProcess.Start(
        "pactor demo",
        inItsOwnGroup ? "setsid" : PactorCli.DotnetHost,
        [.. inItsOwnGroup ? [PactorCli.DotnetHost] : Array.Empty<string>(), PactorCli.DllPath, "demo", "--listen", listen, .. options],
        environment: new Dictionary<string, string> { ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false" });

    private static string Single(Regex pattern, string output, BackgroundProcess demo)
    {
        var match = pattern.Match(output);
        Assert.True(match.Success, $"no line like /{pattern}/\n{demo.Describe()}");
        return match.Groups[1].Value;
    }

    // rtorrent processes whose command line names a file in the demo's folder (/proc/PID/cmdline).
    private static List<int> RTorrentProcessesIn(string directory) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLineOf(pid) is { } line && line.StartsWith("rtorrent", StringComparison.Ordinal) && line.Contains(directory + "/", StringComparison.Ordinal))];

    private static string? CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // exited meanwhile
        }
    }

    [GeneratedRegex(@"removes (/\S+)$", RegexOptions.Multiline)]
    private static partial Regex ReadyDirectory();

    [GeneratedRegex(@"curl -L -o /dev/null (\S+)")]
    private static partial Regex CurlUrl();

    [GeneratedRegex(@"\]\s+(pacman --config \S+ -Syw --noconfirm \S+)$", RegexOptions.Multiline)]
    private static partial Regex PacmanCommand();

    [GeneratedRegex(@"  (?<name>pactor-demo-\d+) 1\.0-1 .* sha256 (?<sha>[0-9a-f]{64})")]
    private static partial Regex PackageLine();

    [GeneratedRegex(@"sample repository 'pactor-demo' in (?<folder>/\S+):")]
    private static partial Regex RepositoryFolder();
}
