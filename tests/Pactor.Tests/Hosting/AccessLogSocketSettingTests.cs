using Pactor.Hosting;
using Pactor.Tests.Cli;

namespace Pactor.Tests.Hosting;

/// <summary><c>--access-log-socket PATH</c> reaches <c>Pactor:AccessLogSocket</c>, and a path pactor cannot bind is refused at start-up.</summary>
public sealed class AccessLogSocketSettingTests : IDisposable
{
    private const string Setting = "Pactor:AccessLogSocket (--access-log-socket)";
    private const string HedgeAfterError = "pactor: Pactor:HedgeAfter (--hedge-after): 'fast' is not a duration (like 5s, 500ms, 2m or 00:00:05)";
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task A_relative_path_is_one_line_naming_the_setting()
    {
        var run = await ServeAsync("access.sock");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"pactor: {Setting}: 'access.sock' must be an absolute path"], run.ErrorLines);
    }

    [Fact]
    public async Task A_path_too_long_for_a_unix_socket_is_one_line_naming_the_setting()
    {
        var path = LongPath(108);

        var run = await ServeAsync(path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"pactor: {Setting}: '{path}' is longer than a unix socket path may be (107 bytes)"], run.ErrorLines);
    }

    [Fact]
    public async Task A_path_in_a_missing_folder_is_one_line_naming_the_setting()
    {
        var path = temp.File(Path.Combine("missing", "access.sock"));

        var run = await ServeAsync(path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"pactor: {Setting}: the folder of '{path}' does not exist"], run.ErrorLines);
    }

    [Fact]
    public async Task A_folder_is_one_line_naming_the_setting()
    {
        var run = await ServeAsync(temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"pactor: {Setting}: '{temp.Path}' is a folder"], run.ErrorLines);
    }

    [Fact]
    public void The_length_limit_is_sun_path_s_107_bytes_counted_in_UTF8()
    {
        Assert.Null(ProxyAccessLogService.Problem(LongPath(107)));
        Assert.NotNull(ProxyAccessLogService.Problem(LongPath(108)));

        // 'é' is two bytes: 106 characters, 107 bytes.
        var accented = LongPath(106)[..^1] + "é";
        Assert.Equal(107, System.Text.Encoding.UTF8.GetByteCount(accented));
        Assert.Null(ProxyAccessLogService.Problem(accented));
        Assert.NotNull(ProxyAccessLogService.Problem(accented + "x"));
    }

    [Fact]
    public void A_file_in_an_existing_folder_is_accepted_whether_or_not_it_exists()
    {
        File.WriteAllText(temp.File("left-over.sock"), "");

        Assert.Null(ProxyAccessLogService.Problem(temp.File("access.sock")));
        Assert.Null(ProxyAccessLogService.Problem(temp.File("left-over.sock")));
    }

    public void Dispose() => temp.Dispose();

    // A path of exactly `bytes` ASCII bytes, in the existing temp folder.
    private string LongPath(int bytes)
    {
        var prefix = temp.Path + "/";
        return prefix + new string('s', bytes - prefix.Length);
    }

    // With a second bad setting, so that pactor never starts serving even if the socket path went unchecked.
    private async Task<CliRun> ServeAsync(string socket)
    {
        var run = await CliRun.InvokeAsync(
            "serve", "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"), "--hedge-after", "fast",
            "--upstream", "http://mirror.test/$repo/os/$arch", "--rtorrent", "scgi://127.0.0.1:5000", "--access-log-socket", socket);
        Assert.Contains(HedgeAfterError, run.ErrorLines);
        return run with { Error = string.Join('\n', run.ErrorLines.Where(line => line != HedgeAfterError)) };
    }
}
