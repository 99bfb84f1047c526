using Microsoft.Extensions.Time.Testing;

namespace Pactor.RTorrent.Tests;

public sealed class RTorrentClientRetryTests
{
    private static readonly RTorrentOptions Options = new()
    {
        RetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
    };

    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task Unreachable_is_retried_with_backoff_on_the_injected_clock_then_reported()
    {
        var fake = new FakeTransport(_ => throw new RTorrentUnreachableException("scgi://127.0.0.1:5000", "connection refused"), clock);

        var error = await clock.DriveToFailureAsync<RTorrentUnreachableException>(fake.CreateClient(Options).ListAsync());

        Assert.Equal("cannot reach rtorrent at scgi://127.0.0.1:5000: connection refused", error.Message);
        Assert.Equal(4, fake.Calls.Count);
        var pauses = fake.Calls.Zip(fake.Calls.Skip(1), (first, next) => next.At - first.At).ToList();
        Assert.All(pauses, pause => Assert.InRange(pause, TimeSpan.FromMilliseconds(1), Options.RetryMaxDelay + TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public async Task Unreachable_then_answered_returns_the_answer()
    {
        var attempts = 0;
        var fake = new FakeTransport(
            _ => ++attempts < 3 ? throw new RTorrentUnreachableException("scgi://127.0.0.1:5000", "connection reset") : Array.Empty<object?>(),
            clock);

        var downloads = await clock.DriveAsync(fake.CreateClient(Options).ListAsync());

        Assert.Empty(downloads);
        Assert.Equal(3, fake.Calls.Count);
    }

    [Fact]
    public async Task A_fault_is_never_retried()
    {
        var fake = new FakeTransport(_ => new Fault(-506, "Method 'd.multicall2' not defined"), clock);

        var error = await Assert.ThrowsAsync<RTorrentFaultException>(() => fake.CreateClient(Options).ListAsync());

        Assert.Equal(-506, error.FaultCode);
        Assert.Equal("d.multicall2", error.Method);
        Assert.Equal("rtorrent refused d.multicall2: fault -506: Method 'd.multicall2' not defined", error.Message);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_malformed_reply_is_never_retried()
    {
        var fake = new FakeTransport(_ => new FakeTransport.GoldenReply("<methodResponse><params>"u8.ToArray()), clock);

        await Assert.ThrowsAsync<RTorrentProtocolException>(() => fake.CreateClient(Options).ListAsync());

        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task No_retry_when_RetryAttempts_is_zero()
    {
        var fake = new FakeTransport(_ => throw new RTorrentUnreachableException("scgi://127.0.0.1:5000", "connection refused"), clock);

        await Assert.ThrowsAsync<RTorrentUnreachableException>(() => fake.CreateClient(new RTorrentOptions { RetryAttempts = 0 }).ListAsync());

        Assert.Single(fake.Calls);
    }
}
