using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Swarm;

/// <summary>Finds a package's <c>FILE.torrent</c> on the torrent sources, in order; a transient failure is retried first.</summary>
public sealed class TorrentSource(IUpstreamFetcher fetcher, UpstreamRetry retry, UpstreamSet upstreams, IOptions<MirrorOptions> options)
{
    /// <summary>The torrent's bytes, or null when no source has it.</summary>
    public async Task<byte[]?> FetchAsync(MirrorFile package, CancellationToken cancellationToken)
    {
        foreach (var source in upstreams.TorrentSources)
        {
            var url = source.For(package, package.FileName + ".torrent");
            byte[]? torrent = null;
            await retry.GetAsync(
                url,
                "torrent",
                async token =>
                {
                    // A buffer per attempt: nothing of a body cut off in one attempt is read with the next.
                    using var buffer = new MemoryStream();
                    var response = await fetcher.GetAsync(url, buffer, ifModifiedSince: null, options.Value.MaxTorrentBytes, token);
                    if (response.Status == UpstreamStatus.Ok)
                    {
                        torrent = buffer.ToArray();
                    }

                    return response;
                },
                cancellationToken);
            if (torrent is not null)
            {
                return torrent;
            }
        }

        return null;
    }
}
