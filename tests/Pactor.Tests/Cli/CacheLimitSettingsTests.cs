using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Hosting;

namespace Pactor.Tests.Cli;

/// <summary><c>--cache-max-size</c> and <c>--cache-max-age</c>: read like the other sizes and durations, refused when not positive.</summary>
public sealed class CacheLimitSettingsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("20G", "30d", 20L << 30, 30 * 24)]
    [InlineData("1T", "12h", 1L << 40, 12)]
    [InlineData("500M", "2.00:00:00", 500L << 20, 48)]
    public async Task Limits_are_read_with_units(string size, string age, long bytes, int hours)
    {
        var options = await MirrorOptionsOf(new() { [SettingKeys.CacheMaxSize] = size, [SettingKeys.CacheMaxAge] = age });

        Assert.Equal(bytes, options.CacheMaxSize);
        Assert.Equal(TimeSpan.FromHours(hours), options.CacheMaxAge);
    }

    [Fact]
    public async Task Without_the_flags_there_is_no_limit()
    {
        var options = await MirrorOptionsOf([]);

        Assert.Null(options.CacheMaxSize);
        Assert.Null(options.CacheMaxAge);
    }

    [Fact]
    public async Task Bad_limits_are_refused_one_line_each()
    {
        var run = await CliRun.InvokeAsync(
            "serve", "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"), "--upstream", "http://mirror.test/$repo/os/$arch",
            "--rtorrent", "scgi://127.0.0.1:5000", "--cache-max-size", "0", "--cache-max-age", "soon");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                "pactor: Pactor:CacheMaxAge (--cache-max-age): 'soon' is not a duration (like 5s, 500ms, 2m or 00:00:05)",
                "pactor: Pactor:CacheMaxSize (--cache-max-size) must be more than 0, or unset for no limit",
            ],
            run.ErrorLines);
    }

    [Theory]
    [InlineData("--cache-max-size", "lots", "pactor: Pactor:CacheMaxSize (--cache-max-size): 'lots' is not a size in bytes (like 4194304, 4096K or 4M)")]
    [InlineData("--cache-max-size", "-1G", "pactor: Pactor:CacheMaxSize (--cache-max-size): '-1G' is not a size in bytes (like 4194304, 4096K or 4M)")]
    [InlineData("--cache-max-age", "0d", "pactor: Pactor:CacheMaxAge (--cache-max-age) must be more than 0, or unset for no limit")]
    [InlineData("--cache-max-age", "-1d", "pactor: Pactor:CacheMaxAge (--cache-max-age): '-1d' is not a duration (like 5s, 500ms, 2m or 00:00:05)")]
    public async Task A_bad_limit_is_one_line(string flag, string value, string line)
    {
        var run = await CliRun.InvokeAsync(
            "serve", "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"), "--upstream", "http://mirror.test/$repo/os/$arch",
            "--rtorrent", "scgi://127.0.0.1:5000", flag, value);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([line], run.ErrorLines);
    }

    [Fact]
    public async Task Help_lists_both_flags()
    {
        var run = await CliRun.InvokeAsync("serve", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--cache-max-size <SIZE>", run.Out, StringComparison.Ordinal);
        Assert.Contains("--cache-max-age <DURATION>", run.Out, StringComparison.Ordinal);
    }

    private async Task<MirrorOptions> MirrorOptionsOf(Dictionary<string, string?> flags)
    {
        flags.TryAdd(SettingKeys.CacheDirectory, temp.File("cache"));
        flags.TryAdd(SettingKeys.RTorrent, "scgi://127.0.0.1:5000");
        flags.TryAdd(SettingKeys.MirrorList, temp.File("no-mirrorlist"));
        flags.TryAdd(SettingKeys.Upstreams + ":0", "http://mirror.test/$repo/os/$arch");
        await using var app = MirrorApp.Build(new MirrorAppSettings { Flags = flags });
        return app.Services.GetRequiredService<IOptions<MirrorOptions>>().Value;
    }
}
