using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Swarm;

/// <summary>Finds a package's <c>FILE.torrent</c> on the torrent sources, in order.</summary>
public sealed class TorrentSource(IUpstreamFetcher fetcher, UpstreamSet upstreams, IOptions<MirrorOptions> options)
{
    /// <summary>The torrent's bytes, or null when no source has it.</summary>
    public async Task<byte[]?> FetchAsync(MirrorFile package, CancellationToken cancellationToken)
    {
        foreach (var source in upstreams.TorrentSources)
        {
            using var buffer = new MemoryStream();
            var url = source.For(package, package.FileName + ".torrent");
            var response = await fetcher.GetAsync(url, buffer, ifModifiedSince: null, options.Value.MaxTorrentBytes, cancellationToken);
            if (response.Status == UpstreamStatus.Ok)
            {
                return buffer.ToArray();
            }
        }

        return null;
    }
}
