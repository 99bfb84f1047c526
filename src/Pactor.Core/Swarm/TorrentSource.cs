using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Swarm;

/// <summary>
/// Finds a package's <c>FILE.torrent</c> on the torrent sources, healthiest first (<see cref="UpstreamHealth"/>); a failure
/// moves on to the next source, and only the last one left is retried after a transient failure.
/// </summary>
public sealed class TorrentSource(IUpstreamFetcher fetcher, UpstreamRetry retry, UpstreamSet upstreams, IOptions<MirrorOptions> options)
{
    /// <summary>The torrent's bytes, or null when no source has it.</summary>
    public async Task<byte[]?> FetchAsync(MirrorFile package, CancellationToken cancellationToken)
    {
        var sources = upstreams.TorrentSourcesInOrder();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var url = source.For(package, package.FileName + ".torrent");
            byte[]? torrent = null;
            await retry.GetAsync(
                url,
                "torrent",
                failoverLeft: i < sources.Count - 1,
                token => upstreams.Health.MeasureAsync(source, async () =>
                {
                    // A buffer per attempt: nothing of a body cut off in one attempt is read with the next.
                    using var buffer = new MemoryStream();
                    var response = await fetcher.GetAsync(url, buffer, ifModifiedSince: null, options.Value.MaxTorrentBytes, token);
                    if (response.Status == UpstreamStatus.Ok)
                    {
                        torrent = buffer.ToArray();
                    }

                    return response;
                }),
                cancellationToken);
            if (torrent is not null)
            {
                return torrent;
            }
        }

        return null;
    }
}
