using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Pactor.Hosting;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Hosting;

/// <summary>
/// <c>pactor serve --root --tracker</c> stopped and started again over the same cache directory: the peers it knew
/// are answered by the first request of the new process, not after each peer's next announce (up to 30 min away).
/// </summary>
public sealed class TrackerRestartTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("pactor-tracker-restart-").FullName;
    private readonly SampleMirrorTree tree = new();

    public void Dispose()
    {
        tree.Dispose();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task The_first_announce_after_a_restart_is_told_of_the_seeder_the_last_process_knew()
    {
        var hash = Enumerable.Range(0, 20).Select(i => (byte)(0xA0 + i)).ToArray();
        var seeder = LoopbackAddresses.Next();
        int port;
        await using (var first = await StartAsync(0))
        {
            port = first.Url.Port;
            var announced = await RawHttp.GetAsync(first.Url, TrackerTargets.Announce(hash, 6881, left: 0, extra: "&event=completed"), seeder);
            Assert.Contains("8:intervali1800e", announced.BodyText, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(work, "cache", "tracker", "peers.bencode")));
        await using var second = await StartAsync(port);
        var scrape = await RawHttp.GetAsync(second.Url, TrackerTargets.Scrape(hash));
        var leecher = await RawHttp.GetAsync(second.Url, TrackerTargets.Announce(hash, 6882, left: 10, extra: "&event=started"), LoopbackAddresses.Next());

        Assert.Equal($"d5:filesd20:{Encoding.Latin1.GetString(hash)}d8:completei1e10:downloadedi1e10:incompletei0eeee", scrape.BodyText);
        byte[] expected =
        [
            .. Encoding.ASCII.GetBytes("d8:completei1e10:incompletei1e8:intervali1800e12:min intervali300e5:peers6:"),
            .. seeder.GetAddressBytes(), 0x1A, 0xE1,
            (byte)'e',
        ];
        Assert.Equal(expected, leecher.Body);
    }

    private async Task<RunningSeedbox> StartAsync(int port)
    {
        var app = MirrorApp.Build(new MirrorAppSettings
        {
            Flags = new Dictionary<string, string?>
            {
                [SettingKeys.Listen] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                [SettingKeys.CacheDirectory] = Path.Combine(work, "cache"),
                [SettingKeys.MirrorList] = Path.Combine(work, "no-mirrorlist"),
                [SettingKeys.Root] = tree.Root,
                [SettingKeys.Tracker] = "true",
            },
        });
        MirrorApp.Prepare(app.Services);
        await app.StartAsync();
        return new RunningSeedbox(app, new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()));
    }


    private sealed record RunningSeedbox(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
