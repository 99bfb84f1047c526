using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Tests.Upstreams;

/// <summary>Mirrors from pacman's list ranked by measured speed, as reflector and flexo do.</summary>
public sealed class MirrorRankerTests : IDisposable
{
    private const string A = "http://a.test/$repo/os/$arch";
    private const string B = "http://b.test/$repo/os/$arch";
    private const string C = "http://c.test/$repo/os/$arch";
    private readonly MirrorHarness mirror = new(upstreams: [A, B, C]);
    private readonly TimedUpstream timed;

    public MirrorRankerTests()
    {
        mirror.Options.Value.RankConcurrency = 1;
        timed = new TimedUpstream(mirror.Time);
        foreach (var host in new[] { "a", "b", "c" })
        {
            mirror.Http.Put($"http://{host}.test/core/os/x86_64/core.db", [1, 2, 3]);
        }
    }

    public void Dispose() => mirror.Dispose();

    private MirrorRanker Ranker => new(timed, mirror.Upstreams, mirror.Copies, mirror.Time, mirror.Options);

    [Fact]
    public async Task Nothing_is_measured_before_a_database_was_fetched()
    {
        Assert.Null(await Ranker.RankAsync(CancellationToken.None));
        Assert.Empty(timed.Requests);
    }

    [Fact]
    public async Task The_fastest_mirror_goes_first_and_one_that_fails_the_test_is_skipped()
    {
        await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        timed.Hosts["a.test"] = (Bytes: 512 * 1024, Takes: TimeSpan.FromSeconds(2));
        timed.Hosts["b.test"] = (Bytes: 512 * 1024, Takes: TimeSpan.FromMilliseconds(100));
        timed.Hosts["c.test"] = (Bytes: 0, Takes: TimeSpan.FromSeconds(1));
        Assert.Equal([A, B, C], mirror.Upstreams.MirrorsInOrder().Select(m => m.Text));

        var ranking = await Ranker.RankAsync(CancellationToken.None);

        Assert.Equal([B, A, C], ranking!.Select(speed => speed.Mirror.Text));
        Assert.Equal(512 * 1024 / 0.1, ranking![0].BytesPerSecond!.Value, 1);
        Assert.Equal("no answer", ranking[2].Error);
        Assert.Equal([B, A], mirror.Upstreams.MirrorsInOrder().Select(m => m.Text));
        Assert.Equal(new Uri("http://b.test/core/os/x86_64/zlib-1-1-any.pkg.tar.zst"), mirror.Upstreams.FallbackFor(MirrorHarness.File("zlib-1-1-any.pkg.tar.zst")));
        Assert.Equal(UpstreamState.Down, mirror.Upstreams.Health.StateOf(MirrorUrlTemplate.Parse(C)));
    }

    [Fact]
    public async Task A_test_asks_for_the_last_database_without_If_Modified_Since_and_reads_at_most_the_sample()
    {
        await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        mirror.Options.Value.RankSampleBytes = 256 * 1024;
        timed.Hosts["a.test"] = (Bytes: 4 * 1024 * 1024, Takes: TimeSpan.FromSeconds(1));

        var ranking = await Ranker.RankAsync(CancellationToken.None);

        var a = ranking!.Single(speed => speed.Mirror.Text == A);
        Assert.InRange(a.Bytes, 256 * 1024, (256 + 64) * 1024);
        Assert.Contains(("http://a.test/core/os/x86_64/core.db", (DateTimeOffset?)null), timed.Requests);
    }

    [Fact]
    public async Task Only_the_first_mirrors_of_the_list_are_measured()
    {
        await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        mirror.Options.Value.RankMaxMirrors = 2;

        var ranking = await Ranker.RankAsync(CancellationToken.None);

        Assert.Equal(2, ranking!.Count);
        Assert.DoesNotContain(timed.Requests, request => request.Url.StartsWith("http://c.test/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mirror_that_trickles_past_the_test_time_is_measured_by_what_it_sent()
    {
        await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        timed.Hosts["a.test"] = (Bytes: 1024 * 1024, Takes: TimeSpan.FromSeconds(50));

        var ranking = await Ranker.RankAsync(CancellationToken.None);

        var a = ranking!.Single(speed => speed.Mirror.Text == A);
        Assert.Null(a.Error);
        Assert.InRange(a.Elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6.5));
        Assert.InRange(a.BytesPerSecond!.Value, 8_000, 30_000);
        Assert.Equal(A, ranking![^1].Mirror.Text);
    }

    /// <summary>
    /// Sends each host's bytes in 64 KiB writes spread over its time on the fake clock (one mirror at a time), or stays
    /// silent that long and fails; a host not listed answers its whole 64 KiB at once.
    /// </summary>
    private sealed class TimedUpstream(FakeTimeProvider time) : IUpstreamFetcher
    {
        public Dictionary<string, (int Bytes, TimeSpan Takes)> Hosts { get; } = [];

        public List<(string Url, DateTimeOffset? IfModifiedSince)> Requests { get; } = [];

        public async Task<UpstreamResponse> GetAsync(Uri url, Stream destination, DateTimeOffset? ifModifiedSince, long maxBytes, CancellationToken cancellationToken)
        {
            Requests.Add((url.ToString(), ifModifiedSince));
            var (bytes, takes) = Hosts.GetValueOrDefault(url.Host, (64 * 1024, TimeSpan.Zero));
            if (bytes == 0)
            {
                time.Advance(takes);
                return UpstreamResponse.TransientFailure("no answer");
            }

            const int chunk = 64 * 1024;
            var chunks = (bytes + chunk - 1) / chunk;
            for (var i = 0; i < chunks; i++)
            {
                time.Advance(takes / chunks);
                cancellationToken.ThrowIfCancellationRequested();
                await destination.WriteAsync(new byte[Math.Min(chunk, bytes - (i * chunk))], cancellationToken);
            }

            return new UpstreamResponse(UpstreamStatus.Ok, Length: bytes);
        }
    }
}
