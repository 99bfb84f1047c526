using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;

namespace Pactor.Core.Upstreams;

/// <summary>The configured upstream mirrors and torrent sources, parsed once, and the order to ask them in by their health.</summary>
public sealed class UpstreamSet(IOptions<MirrorOptions> options, UpstreamHealth health)
{
    public IReadOnlyList<MirrorUrlTemplate> Mirrors { get; } = [.. options.Value.Upstreams.Select(MirrorUrlTemplate.Parse)];

    public IReadOnlyList<MirrorUrlTemplate> TorrentSources { get; } = options.Value.TorrentSources.Count > 0
        ? [.. options.Value.TorrentSources.Select(MirrorUrlTemplate.Parse)]
        : [.. options.Value.Upstreams.Select(MirrorUrlTemplate.Parse)];

    public UpstreamHealth Health => health;

    /// <summary>Mirrors and torrent sources, each once: everything <see cref="Health"/> tracks.</summary>
    public IReadOnlyList<MirrorUrlTemplate> All => [.. Mirrors.Concat(TorrentSources).DistinctBy(upstream => upstream.Text, StringComparer.Ordinal)];

    /// <summary>The mirrors to ask for a database or signature, best first (<see cref="UpstreamHealth.Order"/>).</summary>
    public IReadOnlyList<MirrorUrlTemplate> MirrorsInOrder() => health.Order(Mirrors, forDatabases: true);

    public IReadOnlyList<MirrorUrlTemplate> TorrentSourcesInOrder() => health.Order(TorrentSources, forDatabases: false);

    /// <summary>Where a client is sent when pactor cannot serve a file itself: the best healthy mirror; null when none is (or none is configured).</summary>
    public Uri? FallbackFor(MirrorFile file) => health.BestRedirectTarget(Mirrors)?.For(file);
}
