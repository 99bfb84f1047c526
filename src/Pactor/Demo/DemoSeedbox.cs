using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Pactor.Cli;
using Pactor.Core.Seeding;
using Pactor.Core.Swarm;
using Pactor.Hosting;
using Pactor.RTorrent;

namespace Pactor.Demo;

/// <summary>
/// The demo's seedbox on <see cref="Address"/>: <c>pactor serve --root TREE --tracker</c> (origin and tracker) on a
/// free port, an rtorrent from the seedbox template, and one <c>pactor seed</c> pass that publishes a torrent per
/// package (announcing to that tracker) and seeds the tree in place. Ready once rtorrent has hash-checked them all.
/// </summary>
internal sealed class DemoSeedbox : IAsyncDisposable
{
    /// <summary>The seedbox's rtorrent peers on this address; the client's rtorrent needs another (peers are keyed by IP).</summary>
    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.1");

    private static readonly TimeSpan SeedTimeout = TimeSpan.FromSeconds(30);

    private WebApplication? origin;
    private ManagedRTorrent? rtorrent;

    public Uri OriginUrl { get; private set; } = null!;

    public string Announce => new Uri(OriginUrl, "/announce").AbsoluteUri;

    /// <summary>The client's upstream and torrent source: the origin as a pacman mirror template.</summary>
    public string MirrorTemplate => OriginUrl.GetLeftPart(UriPartial.Authority) + "/$repo/os/$arch";

    public static async Task<DemoSeedbox> StartAsync(SampleRepository repository, string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var seedbox = new DemoSeedbox();
        try
        {
            await seedbox.StartOriginAsync(repository, directory, cancellationToken);
            await seedbox.StartRTorrentAsync(directory, time, cancellationToken);
            await seedbox.SeedAsync(repository, time, cancellationToken);
            return seedbox;
        }
        catch
        {
            await seedbox.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped side by side: a Ctrl-C gives the whole demo about two seconds to clean up.
        await Task.WhenAll(
            origin is null ? Task.CompletedTask : origin.DisposeAsync().AsTask(),
            rtorrent is null ? Task.CompletedTask : rtorrent.DisposeAsync().AsTask());
    }

    private async Task StartOriginAsync(SampleRepository repository, string directory, CancellationToken cancellationToken)
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [SettingKeys.Listen] = $"http://{Address}:0",
            [SettingKeys.CacheDirectory] = Path.Combine(directory, "cache"),
            [SettingKeys.Root] = repository.Root,
            // The tracker at its defaults, as an operator runs it: peers stay listed between rtorrent's announces.
            [SettingKeys.Tracker] = "true",
        };
        (origin, OriginUrl) = await DemoWebApp.StartAsync($"seedbox origin on {Address}", flags, directory, cancellationToken);
    }

    private async Task StartRTorrentAsync(string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        rtorrent = new ManagedRTorrent(
            new ManagedRTorrentOptions
            {
                WorkDirectory = Path.Combine(directory, "rtorrent"),
                DownloadDirectory = Path.Combine(directory, "downloads"),
                BindAddress = Address,
                Template = RTorrentConfigTemplate.Seedbox,
            },
            time,
            NullLogger<ManagedRTorrent>.Instance);
        await rtorrent.StartAsync(cancellationToken);
    }

    private async Task SeedAsync(SampleRepository repository, TimeProvider time, CancellationToken cancellationToken)
    {
        var client = RTorrentClientFactory.Create(rtorrent!.Endpoint, new RTorrentOptions { Endpoint = rtorrent.Endpoint.ToString() }, time);
        var options = new SeedOptions { Root = repository.Root, Announce = [Announce] };
        var report = await new SeedRun(options, new RTorrentSeedingClient(client), time, NullLogger<SeedRun>.Instance).RunAsync(null, cancellationToken);
        if (report.Problems.Count > 0)
        {
            throw new CliException($"seedbox: {report.Problems[0]}");
        }

        await WaitUntilSeedingAsync(client, report.Published, time, cancellationToken);
    }

    private static async Task WaitUntilSeedingAsync(RTorrentClient client, IReadOnlyList<string> hashes, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + SeedTimeout;
        while (true)
        {
            var statuses = await client.GetStatusAsync(hashes, cancellationToken);
            if (hashes.All(hash => statuses.TryGetValue(hash, out var status) && status.IsComplete))
            {
                return;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new CliException($"seedbox: rtorrent did not finish checking the packages in {SeedTimeout.TotalSeconds} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }
}
