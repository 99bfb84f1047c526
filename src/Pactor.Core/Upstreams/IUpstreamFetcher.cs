namespace Pactor.Core.Upstreams;

/// <summary>GETs files from upstream mirrors and torrent sources; the host implements it over HTTP.</summary>
public interface IUpstreamFetcher
{
    /// <summary>
    /// Writes the body to <paramref name="destination"/> when the status is <see cref="UpstreamStatus.Ok"/>;
    /// a body over <paramref name="maxBytes"/> is a failure. Never throws for HTTP or network errors.
    /// </summary>
    Task<UpstreamResponse> GetAsync(Uri url, Stream destination, DateTimeOffset? ifModifiedSince, long maxBytes, CancellationToken cancellationToken);
}
