namespace Pactor.RTorrent;

/// <summary>The caller's token combined with a per-call timeout that runs on the injected clock.</summary>
internal sealed class CallDeadline : IDisposable
{
    private readonly CancellationTokenSource timeout;
    private readonly CancellationTokenSource linked;
    private readonly CancellationToken callerToken;

    public CallDeadline(TimeSpan limit, TimeProvider timeProvider, CancellationToken callerToken)
    {
        this.callerToken = callerToken;
        timeout = new CancellationTokenSource(limit, timeProvider);
        linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeout.Token);
    }

    public CancellationToken Token => linked.Token;

    /// <summary>True when the timeout, not the caller, cancelled the call.</summary>
    public bool Expired => timeout.IsCancellationRequested && !callerToken.IsCancellationRequested;

    public void Dispose()
    {
        linked.Dispose();
        timeout.Dispose();
    }
}
