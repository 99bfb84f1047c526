namespace Pactor.Core.Upstreams;

/// <summary>The outcome of one upstream GET; <see cref="Reason"/> says why it failed.</summary>
public sealed record UpstreamResponse(UpstreamStatus Status, DateTimeOffset? LastModified = null, long Length = 0, string? Reason = null)
{
    public static UpstreamResponse NotFound { get; } = new(UpstreamStatus.NotFound);

    public static UpstreamResponse Failure(string reason) => new(UpstreamStatus.Failed, Reason: reason);
}
