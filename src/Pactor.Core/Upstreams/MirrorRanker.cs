using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;

namespace Pactor.Core.Upstreams;

/// <summary>
/// Measures the mirrors the way reflector and flexo do: each one is asked for the last repo database pactor fetched
/// (no <c>If-Modified-Since</c>, so a body comes), at most <see cref="MirrorOptions.RankSampleBytes"/> of it within
/// <see cref="MirrorOptions.RankTimeout"/>, <see cref="MirrorOptions.RankConcurrency"/> mirrors at a time, the first
/// <see cref="MirrorOptions.RankMaxMirrors"/> of the list. The speed (bytes over the whole time, the first byte's wait
/// included) goes to <see cref="UpstreamHealth.RecordRanking"/>, and the outcome to the mirror's health: a mirror that
/// fails the test is skipped like one that failed a request. Without a database fetched yet there is nothing to ask.
/// </summary>
public sealed class MirrorRanker(IUpstreamFetcher fetcher, UpstreamSet upstreams, UpstreamCopyService copies, TimeProvider time, IOptions<MirrorOptions> options)
{
    /// <summary>One round; null when no database has been fetched yet. The result is fastest first, failures last.</summary>
    public async Task<IReadOnlyList<MirrorSpeed>?> RankAsync(CancellationToken cancellationToken)
    {
        if (copies.LastDatabase is not { } database)
        {
            return null;
        }

        var settings = options.Value;
        var measured = new MirrorSpeed[Math.Min(upstreams.Mirrors.Count, settings.RankMaxMirrors)];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, measured.Length),
            new ParallelOptions { MaxDegreeOfParallelism = settings.RankConcurrency, CancellationToken = cancellationToken },
            async (index, token) => measured[index] = await MeasureAsync(upstreams.Mirrors[index], database.File, token));
        return [.. measured.OrderByDescending(speed => speed.BytesPerSecond ?? -1)];
    }

    private async Task<MirrorSpeed> MeasureAsync(MirrorUrlTemplate mirror, MirrorFile file, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var enough = new CancellationTokenSource();
        using var deadline = new CancellationTokenSource(settings.RankTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enough.Token, deadline.Token);
        var sample = new SampleStream(settings.RankSampleBytes, enough);
        var started = time.GetTimestamp();
        UpstreamResponse response;
        try
        {
            response = await fetcher.GetAsync(mirror.For(file), sample, null, settings.MaxDatabaseBytes, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Enough bytes, or the time is up: either way the speed is what came in so far.
            response = sample.Written > 0
                ? new UpstreamResponse(UpstreamStatus.Ok, Length: sample.Written)
                : UpstreamResponse.TransientFailure($"nothing within {settings.RankTimeout.TotalSeconds:0.###} s");
        }

        var elapsed = time.GetElapsedTime(started);
        upstreams.Health.Record(mirror, response, elapsed);
        if (response.Status != UpstreamStatus.Ok || sample.Written == 0)
        {
            upstreams.Health.RecordRanking(mirror, null);
            var error = response.Status switch
            {
                UpstreamStatus.Failed => response.Reason ?? "failed",
                UpstreamStatus.NotFound => $"has no {file.FileName}",
                _ => "sent no body",
            };
            return new MirrorSpeed(mirror, null, sample.Written, elapsed, error);
        }

        var speed = sample.Written / Math.Max(elapsed.TotalSeconds, 0.001);
        upstreams.Health.RecordRanking(mirror, speed);
        return new MirrorSpeed(mirror, speed, sample.Written, elapsed, null);
    }
}
