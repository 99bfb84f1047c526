using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Mirror;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Tests.Upstreams;

/// <summary>The retry pipeline on a fake clock, with scripted attempts instead of a fetcher.</summary>
public sealed class UpstreamRetryTests
{
    private static readonly Uri Url = new("http://seedbox.test/core/os/x86_64/zlib.pkg.tar.zst.torrent");
    private static readonly UpstreamResponse Reset = UpstreamResponse.TransientFailure("connection reset by peer");
    private static readonly UpstreamResponse Ok = new(UpstreamStatus.Ok, Length: 10);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
    private readonly List<DateTimeOffset> attempts = [];
    private readonly List<string> retried = [];

    [Fact]
    public async Task A_transient_failure_is_asked_again_and_the_answer_returned()
    {
        var retry = Retry();

        var response = await DriveAsync(retry.GetAsync(Url, "torrent", Script(Reset, Ok), CancellationToken.None));

        Assert.Equal(Ok, response);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(["torrent"], retried);
    }

    public static TheoryData<UpstreamResponse> DefiniteAnswers() =>
    [
        UpstreamResponse.NotFound,
        UpstreamResponse.Failure("HTTP 403"),
        UpstreamResponse.Failure("larger than 100 bytes"),
        new UpstreamResponse(UpstreamStatus.NotModified),
        Ok,
    ];

    [Theory]
    [MemberData(nameof(DefiniteAnswers))]
    public async Task A_definite_answer_is_never_asked_again(UpstreamResponse answer)
    {
        var retry = Retry();

        var response = await retry.GetAsync(Url, "database", Script(answer, Ok), CancellationToken.None);

        Assert.Equal(answer, response);
        Assert.Single(attempts);
        Assert.Empty(retried);
    }

    [Fact]
    public async Task A_failure_that_lasts_is_asked_the_configured_number_of_times_with_capped_delays()
    {
        var retry = Retry();

        var response = await DriveAsync(retry.GetAsync(Url, "signature", Script(Reset, Reset, Reset, Reset, Ok), CancellationToken.None));

        Assert.Equal(Reset, response);
        Assert.Equal(4, attempts.Count);
        Assert.Equal(3, retried.Count);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1) + Step));
    }

    [Fact]
    public async Task No_attempt_starts_after_the_hedge_deadline()
    {
        // Attempts that take 2 s each and retries that could go on ten times: only the 5 s deadline stops them.
        var retry = Retry(new MirrorOptions { UpstreamRetryAttempts = 10 });
        var started = time.GetUtcNow();

        var response = await DriveAsync(retry.GetAsync(
            Url,
            "torrent",
            _ =>
            {
                attempts.Add(time.GetUtcNow());
                time.Advance(TimeSpan.FromSeconds(2));
                return Task.FromResult(Reset);
            },
            CancellationToken.None));

        Assert.Equal(Reset, response);
        Assert.InRange(attempts.Count, 2, 3);
        Assert.All(attempts, at => Assert.True(at - started < TimeSpan.FromSeconds(5), $"an attempt started {at - started} after the first"));
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_wait_for_a_retry()
    {
        var retry = Retry();
        using var cancellation = new CancellationTokenSource();

        var pending = retry.GetAsync(Url, "torrent", Script(Reset, Ok), cancellation.Token);
        Assert.Single(attempts);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Single(attempts);
    }

    [Fact]
    public async Task With_retries_turned_off_a_transient_failure_is_answered_at_once()
    {
        var retry = Retry(new MirrorOptions { UpstreamRetryAttempts = 0 });

        var response = await retry.GetAsync(Url, "torrent", Script(Reset, Ok), CancellationToken.None);

        Assert.Equal(Reset, response);
        Assert.Single(attempts);
    }

    private static TimeSpan Step => TimeSpan.FromMilliseconds(10);

    private UpstreamRetry Retry(MirrorOptions? options = null)
    {
        var retry = new UpstreamRetry(time, Microsoft.Extensions.Options.Options.Create(options ?? new MirrorOptions()), NullLogger<UpstreamRetry>.Instance);
        retry.Retried += retried.Add;
        return retry;
    }

    private Func<CancellationToken, Task<UpstreamResponse>> Script(params UpstreamResponse[] answers)
    {
        var next = 0;
        return _ =>
        {
            attempts.Add(time.GetUtcNow());
            return Task.FromResult(answers[next++]);
        };
    }

    /// <summary>Runs the fake clock in small steps until <paramref name="pending"/> is done (at most a minute of it).</summary>
    private async Task<T> DriveAsync<T>(Task<T> pending)
    {
        for (var i = 0; i < 6000 && !pending.IsCompleted; i++)
        {
            time.Advance(Step);
            await Task.Delay(1);
        }

        return await pending.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
