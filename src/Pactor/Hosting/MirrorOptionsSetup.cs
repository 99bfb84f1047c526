using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;

namespace Pactor.Hosting;

/// <summary>
/// Finishes <see cref="MirrorOptions"/> after binding: list settings come whole from the highest layer
/// (<see cref="ConfigurationLists"/>), and without upstreams pacman's mirror list supplies them, ranked by speed
/// unless <see cref="MirrorOptions.RankMirrors"/> says otherwise.
/// </summary>
public sealed class MirrorOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<MirrorOptions>
{
    public void PostConfigure(string? name, MirrorOptions options)
    {
        if (configuration is IConfigurationRoot root)
        {
            options.Upstreams = ConfigurationLists.Winning(root, SettingKeys.Upstreams) ?? options.Upstreams;
            options.TorrentSources = ConfigurationLists.Winning(root, SettingKeys.TorrentSources) ?? options.TorrentSources;
        }

        if (options.Upstreams.Count == 0)
        {
            var serve = ServeOptions.Read(configuration);
            options.Upstreams = [.. MirrorList.Read(serve.MirrorList, ListenAddress.TryParse(serve.Listen, out _))];

            // A mirror list is a set to choose from, as reflector and flexo treat it; --upstream is an order to keep.
            options.RankMirrors ??= true;
        }
    }
}
