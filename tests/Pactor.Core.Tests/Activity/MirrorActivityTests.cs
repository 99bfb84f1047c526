using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Activity;

namespace Pactor.Core.Tests.Activity;

public abstract class MirrorActivityTests
{
    protected readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 30, TimeSpan.Zero));
    protected readonly MirrorActivity activity;

    protected MirrorActivityTests() => activity = new MirrorActivity(time);

    protected ServedRequest Request(RequestSource source, long bytes, string file = "/core/os/x86_64/a.pkg.tar.zst", int status = 200) =>
        new(time.GetUtcNow(), file, "package", source, status, bytes, TimeSpan.FromMilliseconds(3));

    public sealed class Totals : MirrorActivityTests
    {
        [Fact]
        public void Add_up_bytes_by_source_and_count_requests_and_errors()
        {
            activity.Record(Request(RequestSource.Cache, 100));
            activity.Record(Request(RequestSource.Swarm, 300));
            activity.Record(Request(RequestSource.Swarm, 500));
            activity.Record(Request(RequestSource.Fallback, 200));
            activity.Record(Request(RequestSource.Upstream, 50));
            activity.Record(Request(RequestSource.Error, 0, status: 504));

            var snapshot = activity.Snapshot();

            Assert.Equal(new SourceBytes(100, 800, 200, 50), snapshot.Bytes);
            Assert.Equal(6, snapshot.Requests);
            Assert.Equal(1, snapshot.Errors);
            Assert.Equal(time.GetUtcNow(), snapshot.StartedAt);
        }

        [Fact]
        public void Offload_ratio_is_swarm_over_swarm_and_fallback_and_null_before_any()
        {
            Assert.Null(activity.Snapshot().Bytes.OffloadRatio);
            activity.Record(Request(RequestSource.Cache, 1000));
            Assert.Null(activity.Snapshot().Bytes.OffloadRatio);

            activity.Record(Request(RequestSource.Swarm, 300));
            activity.Record(Request(RequestSource.Fallback, 100));

            Assert.Equal(0.75, activity.Snapshot().Bytes.OffloadRatio);
        }
    }

    public sealed class Recent : MirrorActivityTests
    {
        [Fact]
        public void Lists_requests_newest_first()
        {
            activity.Record(Request(RequestSource.Cache, 1, "/first"));
            activity.Record(Request(RequestSource.Swarm, 2, "/second"));

            Assert.Equal(["/second", "/first"], activity.Snapshot().Recent.Select(r => r.File));
        }

        [Fact]
        public void Keeps_only_the_last_fifty()
        {
            for (var i = 0; i < MirrorActivity.RecentCapacity + 7; i++)
            {
                activity.Record(Request(RequestSource.Cache, i, $"/file-{i}"));
            }

            var recent = activity.Snapshot().Recent;

            Assert.Equal(MirrorActivity.RecentCapacity, recent.Count);
            Assert.Equal("/file-56", recent[0].File);
            Assert.Equal("/file-7", recent[^1].File);
            Assert.Equal(MirrorActivity.RecentCapacity + 7, activity.Snapshot().Requests);
        }
    }

    public sealed class Series : MirrorActivityTests
    {
        [Fact]
        public void Has_sixty_minutes_oldest_first_ending_with_the_current_minute()
        {
            var series = activity.Snapshot().Series;

            Assert.Equal(MirrorActivity.SeriesMinutes, series.Count);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), series[^1].Minute);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 1, 0, TimeSpan.Zero), series[0].Minute);
            Assert.All(series, m => Assert.Equal(SourceBytes.Zero, m.Bytes));
        }

        [Fact]
        public void Puts_bytes_in_the_minute_they_were_answered()
        {
            activity.Record(Request(RequestSource.Swarm, 300));
            activity.Record(Request(RequestSource.Cache, 10));
            time.Advance(TimeSpan.FromMinutes(2));
            activity.Record(Request(RequestSource.Fallback, 70));

            var series = activity.Snapshot().Series;

            Assert.Equal(new SourceBytes(0, 0, 70, 0), series[^1].Bytes);
            Assert.Equal(SourceBytes.Zero, series[^2].Bytes);
            Assert.Equal(new SourceBytes(10, 300, 0, 0), series[^3].Bytes);
        }

        [Fact]
        public void Forgets_minutes_older_than_an_hour_even_when_their_slot_comes_round_again()
        {
            activity.Record(Request(RequestSource.Swarm, 300));
            time.Advance(TimeSpan.FromMinutes(59));
            Assert.Equal(300, activity.Snapshot().Series[0].Bytes.Swarm);

            time.Advance(TimeSpan.FromMinutes(1));
            Assert.All(activity.Snapshot().Series, m => Assert.Equal(0, m.Bytes.Total));

            activity.Record(Request(RequestSource.Cache, 5));
            var series = activity.Snapshot().Series;
            Assert.Equal(new SourceBytes(5, 0, 0, 0), series[^1].Bytes);
            Assert.Equal(5, series.Sum(m => m.Bytes.Total));
            Assert.Equal(300, activity.Snapshot().Bytes.Swarm);
        }
    }

    public sealed class Concurrency : MirrorActivityTests
    {
        [Fact]
        public async Task Loses_no_request_recorded_from_many_threads()
        {
            await Parallel.ForAsync(0, 2000, (i, _) =>
            {
                activity.Record(Request(RequestSource.Swarm, 1));
                return ValueTask.CompletedTask;
            });

            var snapshot = activity.Snapshot();

            Assert.Equal(2000, snapshot.Requests);
            Assert.Equal(2000, snapshot.Bytes.Swarm);
            Assert.Equal(2000, snapshot.Series[^1].Bytes.Swarm);
        }
    }
}
