using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;

namespace Pactor.Core.Upstreams;

/// <summary>The configured upstream mirrors and torrent sources, parsed once.</summary>
public sealed class UpstreamSet(IOptions<MirrorOptions> options)
{
    public IReadOnlyList<MirrorUrlTemplate> Mirrors { get; } = [.. options.Value.Upstreams.Select(MirrorUrlTemplate.Parse)];

    public IReadOnlyList<MirrorUrlTemplate> TorrentSources { get; } = options.Value.TorrentSources.Count > 0
        ? [.. options.Value.TorrentSources.Select(MirrorUrlTemplate.Parse)]
        : [.. options.Value.Upstreams.Select(MirrorUrlTemplate.Parse)];

    /// <summary>Where a client is sent when pactor cannot serve a file itself; null without upstreams.</summary>
    public Uri? FallbackFor(MirrorFile file) => Mirrors.Count > 0 ? Mirrors[0].For(file) : null;
}
