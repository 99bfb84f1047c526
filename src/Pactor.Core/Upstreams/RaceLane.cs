namespace Pactor.Core.Upstreams;

/// <summary>
/// One GET of an <see cref="UpstreamRace"/>: its cancellation, the signal that its upstream has answered (the first
/// byte of a body written, or a whole answer), and whether it lost. A lane that lost must not keep what it fetched.
/// </summary>
public sealed class RaceLane : IDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private readonly TaskCompletionSource answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool lost;

    public CancellationToken Token => cancel.Token;

    /// <summary>Another lane answered first: this one's body, if it comes, is thrown away.</summary>
    public bool Lost => lost;

    /// <summary>Called by the GET as its upstream answers; once is enough, more are harmless.</summary>
    public void Answered() => answered.TrySetResult();

    internal Task AnsweredTask => answered.Task;

    internal bool HasAnswered => answered.Task.IsCompleted;

    internal void Lose() => lost = true;

    internal void Cancel() => cancel.Cancel();

    public void Dispose() => cancel.Dispose();
}
