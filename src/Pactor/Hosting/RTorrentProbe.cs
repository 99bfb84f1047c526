using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Swarm;
using Pactor.RTorrent;

namespace Pactor.Hosting;

/// <summary>
/// rtorrent as the status page and <c>/readyz</c> see it: versions (<c>system.client_version</c>), and the
/// bytes uploaded to peers, summed over pactor's downloads (<c>d.up.total</c> of every download with
/// pactor's label). Two round trips, at most once per <see cref="Freshness"/>.
/// </summary>
public sealed class RTorrentProbe
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private readonly IRTorrentClient rtorrent;
    private readonly ITorrentClient torrents;
    private readonly string label;
    private readonly TimeProvider time;
    private readonly ProbeCache<RTorrentHealth> cache;

    public RTorrentProbe(
        IRTorrentClient rtorrent,
        ITorrentClient torrents,
        IOptions<RTorrentOptions> rtorrentOptions,
        IOptions<ServeOptions> serve,
        IOptions<MirrorOptions> mirror,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rtorrentOptions);
        ArgumentNullException.ThrowIfNull(serve);
        ArgumentNullException.ThrowIfNull(mirror);
        this.rtorrent = rtorrent;
        this.torrents = torrents;
        this.time = time;
        label = mirror.Value.Label;
        Endpoint = rtorrentOptions.Value.Endpoint;
        Managed = string.IsNullOrWhiteSpace(serve.Value.RTorrent);
        cache = new ProbeCache<RTorrentHealth>(ProbeAsync, Freshness, time);
    }

    public string Endpoint { get; }

    /// <summary>True when pactor runs its own rtorrent (no <c>--rtorrent</c>).</summary>
    public bool Managed { get; }

    /// <summary>The last probe, however old (null before the first answer); starts a new probe when it is old, without waiting for it.</summary>
    public RTorrentHealth? LatestRefreshing()
    {
        _ = cache.GetAsync();
        return cache.Latest;
    }

    /// <summary>A probe at most <see cref="Freshness"/> old.</summary>
    public Task<RTorrentHealth> GetAsync() => cache.GetAsync();

    private async Task<RTorrentHealth> ProbeAsync()
    {
        RTorrentVersion version;
        try
        {
            version = await rtorrent.GetVersionAsync(CancellationToken.None);
        }
        catch (RTorrentException e)
        {
            return new RTorrentHealth(false, null, null, null, e.Message, time.GetUtcNow());
        }

        long? uploaded;
        try
        {
            uploaded = (await torrents.ListAsync(label, CancellationToken.None)).Sum(d => d.UploadedBytes);
        }
        catch (TorrentClientException e)
        {
            return new RTorrentHealth(!e.IsUnavailable, version.Client, version.Library, null, e.Message, time.GetUtcNow());
        }

        return new RTorrentHealth(true, version.Client, version.Library, uploaded, null, time.GetUtcNow());
    }
}
