using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using Pactor.Core.Swarm;
using Pactor.Core.Upstreams;
using Pactor.Hosting;

namespace Pactor.Tests.Hosting;

/// <summary>
/// The mirror twice, with strict mocks for every way out (upstream, torrent client): on a TestServer
/// through WebApplicationFactory, and on real Kestrel for raw request targets.
/// </summary>
public sealed class HostilePathFixture : IAsyncLifetime
{
    internal Mock<IUpstreamFetcher> Fetcher { get; } = new(MockBehavior.Strict);

    internal Mock<ITorrentClient> Torrents { get; } = new(MockBehavior.Strict);

    internal MirrorFactory Factory { get; private set; } = null!;

    internal WebApplication Kestrel { get; private set; } = null!;

    internal Uri KestrelUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Start-up recovery asks the client for pactor's downloads; nothing else may reach it.
        Torrents.Setup(t => t.ListAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        Factory = new MirrorFactory(Torrents.Object, Fetcher.Object);
        _ = Factory.Server;
        Kestrel = MirrorApp.Build(
            new MirrorAppSettings
            {
                Flags = new Dictionary<string, string?>
                {
                    [SettingKeys.Listen] = "http://127.0.0.1:0",
                    [SettingKeys.CacheDirectory] = Path.Combine(Factory.WorkDirectory, "kestrel-cache"),
                    [SettingKeys.Upstreams + ":0"] = MirrorFactory.Upstream,
                    [SettingKeys.RTorrent] = "scgi://127.0.0.1:1",
                },
            },
            web =>
            {
                web.Services.Replace(ServiceDescriptor.Singleton(Torrents.Object));
                web.Services.Replace(ServiceDescriptor.Singleton(Fetcher.Object));
            });
        MirrorApp.Prepare(Kestrel.Services);
        await Kestrel.StartAsync();
        KestrelUrl = new Uri(Kestrel.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    /// <summary>Every file under the cache directories: there must be none, only the empty folders pactor creates.</summary>
    internal IEnumerable<string> CachedFiles() =>
        Directory.EnumerateFiles(Factory.WorkDirectory, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains("cache", StringComparison.Ordinal));

    internal IEnumerable<string> CacheFolders() =>
        Directory.EnumerateDirectories(Factory.CacheDirectory, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(Factory.CacheDirectory, d))
            .Order(StringComparer.Ordinal);

    public async Task DisposeAsync()
    {
        await Kestrel.DisposeAsync();
        await Factory.DisposeAsync();
    }
}
