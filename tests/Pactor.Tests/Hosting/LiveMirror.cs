using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pactor.Core.Swarm;
using Pactor.Core.Upstreams;
using Pactor.Hosting;
using Pactor.RTorrent;

namespace Pactor.Tests.Hosting;

/// <summary>
/// The application <c>pactor serve</c> runs, on a real loopback port and the real clock (a CLI or a browser
/// needs a socket, and time that passes), with the swarm, the upstream and rtorrent faked.
/// </summary>
internal sealed class LiveMirror : IAsyncDisposable
{
    public const string Upstream = "http://mirror.test/$repo/os/$arch";
    public const string Seedbox = "http://seedbox.test/$repo/os/$arch";

    private readonly WebApplication app;

    private LiveMirror(WebApplication app, string root, Uri url)
    {
        this.app = app;
        WorkDirectory = root;
        Url = url;
    }

    /// <summary>Where the mirror listens, ending in '/'.</summary>
    public Uri Url { get; }

    public string WorkDirectory { get; }

    /// <summary>The running application's services, for a test to wait on the mirror's own state.</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<LiveMirror> StartAsync(
        ITorrentClient swarm, IUpstreamFetcher upstream, IRTorrentClient? rtorrent = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "pactor-live-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var url = new Uri($"http://127.0.0.1:{FreePort.Find()}/");
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [SettingKeys.Listen] = url.AbsoluteUri.TrimEnd('/'),
            [SettingKeys.CacheDirectory] = Path.Combine(root, "cache"),
            [SettingKeys.Upstreams + ":0"] = Upstream,
            [SettingKeys.TorrentSources + ":0"] = Seedbox,
            [SettingKeys.RTorrent] = "scgi://127.0.0.1:1",
            [SettingKeys.MirrorList] = Path.Combine(root, "no-mirrorlist"),
        };
        configure?.Invoke(flags);
        var app = MirrorApp.Build(new MirrorAppSettings { Flags = flags }, web =>
        {
            web.Services.Replace(ServiceDescriptor.Singleton(swarm));
            web.Services.Replace(ServiceDescriptor.Singleton(upstream));
            if (rtorrent is not null)
            {
                web.Services.Replace(ServiceDescriptor.Singleton(rtorrent));
            }
        });
        MirrorApp.Prepare(app.Services);
        await app.StartAsync();
        return new LiveMirror(app, root, url);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
