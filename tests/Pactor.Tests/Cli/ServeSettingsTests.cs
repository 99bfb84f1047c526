using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Hosting;

namespace Pactor.Tests.Cli;

/// <summary>Where <c>pactor serve</c>'s settings come from: flags over environment over the config file.</summary>
public sealed class ServeSettingsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Flags_win_over_environment_which_wins_over_the_file()
    {
        var settings = Settings(
            file: """{ "Pactor": { "HedgeAfter": "00:00:07", "AnnounceAfter": "9s", "Label": "fromfile", "PollInterval": "00:00:02" } }""",
            environment: new() { ["Pactor__HedgeAfter"] = "3s", ["Pactor__Label"] = "fromenv" },
            flags: new() { [SettingKeys.HedgeAfter] = "1500ms" });

        var options = await MirrorOptionsOf(settings);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.HedgeAfter);
        Assert.Equal("fromenv", options.Label);
        Assert.Equal(TimeSpan.FromSeconds(9), options.AnnounceAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), options.PollInterval);
    }

    [Fact]
    public async Task A_list_from_a_higher_layer_replaces_the_lower_list_whole()
    {
        var fileOnly = Settings(file: """{ "Pactor": { "Upstreams": [ "http://a.test/$repo/os/$arch", "http://b.test/$repo/os/$arch" ] } }""", withUpstream: false);
        var environment = fileOnly with { Environment = new Dictionary<string, string> { ["Pactor__Upstreams__0"] = "http://env.test/$repo/os/$arch" } };
        var flags = environment with { Flags = new Dictionary<string, string?> { [SettingKeys.Upstreams + ":0"] = "http://flag.test/$repo/os/$arch" } };

        Assert.Equal(["http://a.test/$repo/os/$arch", "http://b.test/$repo/os/$arch"], (await MirrorOptionsOf(fileOnly)).Upstreams);
        Assert.Equal(["http://env.test/$repo/os/$arch"], (await MirrorOptionsOf(environment)).Upstreams);
        Assert.Equal(["http://flag.test/$repo/os/$arch"], (await MirrorOptionsOf(flags)).Upstreams);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("00:00:04", 4000)]
    public async Task Durations_may_be_written_with_a_unit_or_as_a_TimeSpan(string text, int milliseconds)
    {
        var options = await MirrorOptionsOf(Settings(flags: new() { [SettingKeys.HedgeAfter] = text }));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.HedgeAfter);
    }

    [Fact]
    public async Task Upstream_retries_are_configured_with_durations_in_units()
    {
        var options = await MirrorOptionsOf(Settings(
            file: """{ "Pactor": { "UpstreamRetryAttempts": 5, "UpstreamRetryBaseDelay": "50ms", "UpstreamRetryMaxDelay": "2s" } }"""));

        Assert.Equal(5, options.UpstreamRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.UpstreamRetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), options.UpstreamRetryMaxDelay);
    }

    [Fact]
    public async Task Sizes_in_the_file_may_carry_a_unit()
    {
        var options = await MirrorOptionsOf(Settings(file: """{ "Pactor": { "MaxTorrentBytes": "2M", "MaxDatabaseBytes": 1000 } }"""));

        Assert.Equal(2 * 1024 * 1024, options.MaxTorrentBytes);
        Assert.Equal(1000, options.MaxDatabaseBytes);
    }

    [Fact]
    public async Task Without_upstreams_the_mirror_lists_servers_are_used_except_pactor_itself()
    {
        var mirrorList = temp.File("mirrorlist");
        await File.WriteAllLinesAsync(mirrorList, [
            "## Arch Linux repository mirrorlist",
            "Server = http://127.0.0.1:8001/$repo/os/$arch",
            "#Server = http://commented.test/$repo/os/$arch",
            "Server = https://one.test/archlinux/$repo/os/$arch  # the fast one",
            "Server=http://two.test/$repo/os/$arch",
        ]);

        var options = await MirrorOptionsOf(Settings(flags: new() { [SettingKeys.MirrorList] = mirrorList }, withUpstream: false));

        Assert.Equal(["https://one.test/archlinux/$repo/os/$arch", "http://two.test/$repo/os/$arch"], options.Upstreams);
    }
    [Fact]
    public async Task Mirrors_from_the_mirror_list_are_ranked_by_speed_and_upstreams_given_keep_their_order()
    {
        var mirrorList = temp.File("mirrorlist");
        await File.WriteAllTextAsync(mirrorList, "Server = http://a.test/$repo/os/$arch\nServer = http://b.test/$repo/os/$arch\n");
        var fromList = Settings(flags: new() { [SettingKeys.MirrorList] = mirrorList }, withUpstream: false);
        var turnedOff = fromList with { Environment = new Dictionary<string, string> { ["Pactor__RankMirrors"] = "no" } };

        var listed = await MirrorOptionsOf(fromList);

        Assert.Equal(["http://a.test/$repo/os/$arch", "http://b.test/$repo/os/$arch"], listed.Upstreams);
        Assert.True(listed.RankMirrors);
        Assert.False((await MirrorOptionsOf(turnedOff)).RankMirrors);
        Assert.Null((await MirrorOptionsOf(Settings())).RankMirrors);
    }

    [Theory]
    [InlineData(false, "/home/u/.cache/pactor")]
    [InlineData(true, "/var/cache/pactor")]
    public void The_default_cache_directory_follows_XDG_and_root(bool isRoot, string expected)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = "/home/u" };

        Assert.Equal(expected, PactorConfiguration.DefaultCacheDirectory(environment, isRoot));
        environment["XDG_CACHE_HOME"] = "/xdg";
        Assert.Equal(isRoot ? "/var/cache/pactor" : "/xdg/pactor", PactorConfiguration.DefaultCacheDirectory(environment, isRoot));
    }

    public void Dispose() => temp.Dispose();

    private static async Task<MirrorOptions> MirrorOptionsOf(MirrorAppSettings settings)
    {
        await using var app = MirrorApp.Build(settings);
        return app.Services.GetRequiredService<IOptions<MirrorOptions>>().Value;
    }

    private MirrorAppSettings Settings(
        string? file = null, Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null, bool withUpstream = true)
    {
        string? configFile = null;
        if (file is not null)
        {
            configFile = temp.File("pactor.json");
            File.WriteAllText(configFile, file);
        }

        flags ??= [];
        flags.TryAdd(SettingKeys.CacheDirectory, temp.File("cache"));
        flags.TryAdd(SettingKeys.RTorrent, "scgi://127.0.0.1:5000");
        flags.TryAdd(SettingKeys.MirrorList, temp.File("no-mirrorlist"));
        if (withUpstream)
        {
            flags.TryAdd(SettingKeys.Upstreams + ":0", "http://mirror.test/$repo/os/$arch");
        }

        return new MirrorAppSettings { ConfigFile = configFile, Environment = environment ?? [], Flags = flags };
    }
}
