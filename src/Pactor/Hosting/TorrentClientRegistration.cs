using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Swarm;
using Pactor.RTorrent;

namespace Pactor.Hosting;

/// <summary>
/// The one place <c>pactor serve</c> chooses its torrent client: the external rtorrent named by
/// <c>Pactor:RTorrent</c> (<c>--rtorrent</c>), or, without one, an rtorrent pactor starts and
/// supervises itself (SCGI on a unix socket in <c>CACHE/rtorrent/</c>, a private directory).
/// </summary>
public static class TorrentClientRegistration
{
    public static IServiceCollection AddTorrentClient(this IServiceCollection services)
    {
        services.AddOptions<RTorrentOptions>().Configure<IOptions<ServeOptions>, IOptions<MirrorOptions>>((rtorrent, serve, mirror) =>
            rtorrent.Endpoint = serve.Value.RTorrent is { Length: > 0 } endpoint
                ? endpoint
                : ManagedEndpoint(mirror.Value.CacheDirectory));
        services.TryAddSingleton(provider =>
        {
            var mirror = provider.GetRequiredService<IOptions<MirrorOptions>>().Value;
            var serve = provider.GetRequiredService<IOptions<ServeOptions>>().Value;
            return new ManagedRTorrent(
                new ManagedRTorrentOptions
                {
                    WorkDirectory = ManagedDirectory(mirror.CacheDirectory),
                    DownloadDirectory = Path.Combine(Path.GetFullPath(mirror.CacheDirectory), "packages"),
                    BindAddress = IPAddress.Parse(serve.RTorrentBind),
                    Port = serve.RTorrentPort,
                },
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<ManagedRTorrent>>());
        });
        services.TryAddSingleton<IRTorrentClient>(provider => RTorrentClientFactory.Create(
            provider.GetRequiredService<IOptions<RTorrentOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<ITorrentClient>(provider => new RTorrentSwarmClient(provider.GetRequiredService<IRTorrentClient>()));
        // Registered before the swarm service, so the managed rtorrent answers before recovery asks it.
        services.AddHostedService<ManagedRTorrentService>();
        return services;
    }

    /// <summary>The problem line for <c>Pactor:RTorrent</c>, or null when it is empty (managed) or names a usable rtorrent.</summary>
    public static string? Problem(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        try
        {
            RTorrentEndpoint.Parse(endpoint);
            return null;
        }
        catch (RTorrentEndpointFormatException e)
        {
            return $"{SettingKeys.Describe(SettingKeys.RTorrent)}: {e.Message}";
        }
    }

    public static string ManagedDirectory(string cacheDirectory) => Path.Combine(Path.GetFullPath(cacheDirectory), "rtorrent");

    private static string ManagedEndpoint(string cacheDirectory) =>
        "scgi://" + Path.Combine(ManagedDirectory(cacheDirectory), "rpc.sock");
}
