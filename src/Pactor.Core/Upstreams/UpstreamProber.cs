using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;

namespace Pactor.Core.Upstreams;

/// <summary>
/// Asks each upstream whose backoff is over (<see cref="UpstreamHealth.TakeDueForProbe"/>) for the last repo database
/// pactor fetched, with <c>If-Modified-Since</c> (a 304 is enough, and cheap), and records the outcome: an upstream that
/// recovered is healthy again without a pacman request paying for the test; one still sick goes back down for a longer
/// backoff. Without a database fetched yet there is nothing to ask for, and requests do the probing.
/// </summary>
public sealed class UpstreamProber(IUpstreamFetcher fetcher, UpstreamSet upstreams, UpstreamCopyService copies, IOptions<MirrorOptions> options)
{
    /// <summary>Probes every due upstream at once; returns how many were probed.</summary>
    public async Task<int> ProbeDueAsync(CancellationToken cancellationToken)
    {
        if (copies.LastDatabase is not { } database)
        {
            return 0;
        }

        var due = upstreams.Health.TakeDueForProbe(upstreams.All);
        await Task.WhenAll(due.Select(upstream => upstreams.Health.MeasureAsync(
            upstream,
            () => fetcher.GetAsync(upstream.For(database.File), Stream.Null, database.LastModified, options.Value.MaxDatabaseBytes, cancellationToken))));
        return due.Count;
    }
}
