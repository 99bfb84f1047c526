namespace Pactor.Core.Upstreams;

/// <summary>The outcome of one upstream GET; <see cref="Reason"/> says why it failed.</summary>
public sealed record UpstreamResponse(UpstreamStatus Status, DateTimeOffset? LastModified = null, long Length = 0, string? Reason = null)
{
    public static UpstreamResponse NotFound { get; } = new(UpstreamStatus.NotFound);

    /// <summary>
    /// A failure the same GET may not have a moment later: a reset or refused connection, a silent upstream, a 5xx,
    /// a body cut short. <see cref="UpstreamRetry"/> repeats these and nothing else.
    /// </summary>
    public bool IsTransient { get; init; }

    /// <summary>A definite failure (a 403, a body over the cap, a refused redirect): asking again gets the same answer.</summary>
    public static UpstreamResponse Failure(string reason) => new(UpstreamStatus.Failed, Reason: reason);

    public static UpstreamResponse TransientFailure(string reason) => new(UpstreamStatus.Failed, Reason: reason) { IsTransient = true };
}
