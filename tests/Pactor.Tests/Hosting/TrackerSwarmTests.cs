using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Pactor.Core.Tracker;
using Pactor.Hosting;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Hosting;

/// <summary>
/// A seedbox made of <c>pactor serve --root --tracker</c> and a real rtorrent seeding the tree in place, and a
/// client rtorrent that fetches the package's .torrent from pactor and finds the seeder only through pactor's
/// /announce (there is no other tracker, no DHT, no peer exchange). Each on its own loopback address.
/// </summary>
public sealed class TrackerSwarmTests : IAsyncLifetime
{
    private const string Package = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(30);

    private readonly string work = Directory.CreateTempSubdirectory("pactor-tracker-swarm-").FullName;
    private WebApplication pactor = null!;
    private Uri pactorUrl = null!;
    private RTorrentDaemon seeder = null!;
    private RTorrentDaemon leecher = null!;

    private string Folder => Path.Combine(work, "mirror", "core", "os", "x86_64");

    public async Task InitializeAsync()
    {
        ExternalProgram.Require("rtorrent", "rtorrent");
        Directory.CreateDirectory(Folder);
        pactor = MirrorApp.Build(new MirrorAppSettings
        {
            Flags = new Dictionary<string, string?>
            {
                [SettingKeys.Listen] = $"http://{LoopbackAddresses.Next()}:0",
                [SettingKeys.CacheDirectory] = Path.Combine(work, "cache"),
                [SettingKeys.MirrorList] = Path.Combine(work, "no-mirrorlist"),
                [SettingKeys.Root] = Path.Combine(work, "mirror"),
                [SettingKeys.Tracker] = "true",
                [SettingKeys.TrackerWhitelist] = Path.Combine(work, "whitelist.txt"),
            },
        });
        MirrorApp.Prepare(pactor.Services);
        await pactor.StartAsync();
        pactorUrl = new Uri(pactor.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        seeder = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Seedbox, unixSocket: false);
        leecher = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Client, unixSocket: true);
    }

    [Fact]
    public async Task A_client_rtorrent_gets_the_torrent_from_the_origin_and_the_package_from_a_seeder_found_through_pactor_s_tracker()
    {
        // The seedbox: a package in the tree, its torrent announcing to pactor, the hash published.
        var torrent = await SampleTorrent.CreateAsync(Folder, Package, 2 * 1024 * 1024, new Uri(pactorUrl, "/announce").AbsoluteUri);
        await File.WriteAllBytesAsync(Path.Combine(Folder, Package + ".torrent"), torrent.Bytes);
        await File.WriteAllTextAsync(Path.Combine(work, "whitelist.txt"), torrent.InfoHash + "\n");

        // The client fetches the torrent from the origin and loads it before any seeder announced.
        using var http = new HttpClient { BaseAddress = pactorUrl };
        using var fetched = await http.GetAsync($"/core/os/x86_64/{Package}.torrent");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("application/x-bittorrent", fetched.Content.Headers.ContentType?.MediaType);
        var fetchedBytes = await fetched.Content.ReadAsByteArrayAsync();
        Assert.Equal(torrent.Bytes, fetchedBytes);
        var target = Path.Combine(leecher.DownloadDirectory, "core");
        var hash = await leecher.Client.LoadAsync(fetchedBytes, new TorrentLoadOptions { Directory = target, Label = "pactor" });

        // The seedbox rtorrent seeds the tree in place (no copy), after its hash check.
        Assert.Equal(hash, await seeder.Client.LoadAsync(torrent.Bytes, new TorrentLoadOptions { Directory = Folder }));
        await WaitAsync(seeder.Client, hash, "the seeder's hash check");
        var watch = Stopwatch.StartNew();
        // No forced announce: the seeder's first announce returns the waiting client, and the seeder connects
        // to it (measured 0.2-0.5 s); failing that, the client's next announce comes within the 5 s interval.
        await WaitAsync(leecher.Client, hash, "the download");

        Assert.Equal(await File.ReadAllBytesAsync(torrent.DataPath), await File.ReadAllBytesAsync(Path.Combine(target, Package)));
        Assert.True(watch.Elapsed < TransferTimeout, $"took {watch.Elapsed}");
        AssertTrackerLists(torrent, seeder.Address, leecher.Address);
    }

    public async Task DisposeAsync()
    {
        if (leecher is not null)
        {
            await leecher.DisposeAsync();
        }

        if (seeder is not null)
        {
            await seeder.DisposeAsync();
        }

        if (pactor is not null)
        {
            await pactor.DisposeAsync();
        }

        Directory.Delete(work, recursive: true);
    }

    // Both rtorrents are in pactor's table under their own addresses (the connection's, not 127.0.0.1), and a
    // leecher announcing now is handed the seeder (leechers get only seeders while there are any).
    private void AssertTrackerLists(SampleTorrent torrent, IPAddress seederAddress, IPAddress leecherAddress)
    {
        var tracker = pactor.Services.GetRequiredService<PeerTracker>();
        var listed = Assert.Single(tracker.Peers.Export(), swarm => swarm.InfoHashHex == torrent.InfoHash).Peers;
        Assert.Equal(new[] { seederAddress, leecherAddress }.Select(a => a.ToString()).Order(), listed.Select(p => p.Endpoint.Address.ToString()).Order());
        var hash = Convert.FromHexString(torrent.InfoHash);
        var query = $"?info_hash={Escape(hash)}&peer_id=-PC0001-000000000099&port=9&uploaded=0&downloaded=0&left=1&numwant=10";

        var answer = tracker.Announce(query, IPAddress.Parse("127.0.0.9"));

        var text = Encoding.Latin1.GetString(answer);
        Assert.StartsWith("d8:completei", text, StringComparison.Ordinal);
        var rest = text[(text.IndexOf("5:peers", StringComparison.Ordinal) + "5:peers".Length)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var peers = Latin1Bytes(rest.Substring(colon + 1, int.Parse(rest[..colon], CultureInfo.InvariantCulture)));
        Assert.Contains(seederAddress.ToString(), peers.Chunk(6).Select(peer => new IPAddress(peer[..4]).ToString()));
        Assert.True(tracker.Peers.Scrape(torrent.InfoHash).Complete >= 1);
    }

    private async Task WaitAsync(RTorrentClient client, string hash, string what)
    {
        var watch = Stopwatch.StartNew();
        DownloadStatus? status = null;
        while (watch.Elapsed < TransferTimeout)
        {
            status = (await client.GetStatusAsync([hash])).GetValueOrDefault(hash);
            if (status is { IsComplete: true })
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out after {TransferTimeout.TotalSeconds} s waiting for {what}; last status: {status}\n"
            + $"{seeder.Diagnostics()}\n{leecher.Diagnostics()}");
    }

    private static string Escape(byte[] bytes) => string.Concat(bytes.Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    private static byte[] Latin1Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
