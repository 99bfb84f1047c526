using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Swarm;
using Pactor.RTorrent;

namespace Pactor.Hosting;

/// <summary>
/// The one place <c>pactor serve</c> chooses its torrent client: the external rtorrent named by
/// <c>Pactor:RTorrent</c> (<c>--rtorrent</c>). Its typed client is registered as <see cref="IRTorrentClient"/>;
/// the mirror's <see cref="ITorrentClient"/> is <see cref="UnwiredTorrentClient"/> until the adapter over it lands.
/// </summary>
public static class TorrentClientRegistration
{
    public static IServiceCollection AddTorrentClient(this IServiceCollection services)
    {
        services.AddOptions<RTorrentOptions>().Configure<IOptions<ServeOptions>>((rtorrent, serve) =>
        {
            if (serve.Value.RTorrent is { Length: > 0 } endpoint)
            {
                rtorrent.Endpoint = endpoint;
            }
        });
        services.TryAddSingleton<IRTorrentClient>(provider => RTorrentClientFactory.Create(
            provider.GetRequiredService<IOptions<RTorrentOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<ITorrentClient, UnwiredTorrentClient>();
        return services;
    }

    /// <summary>The problem line for <c>Pactor:RTorrent</c>, or null when it names a usable rtorrent.</summary>
    public static string? Problem(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return "--rtorrent is required (managed rtorrent not available yet)";
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
}
