namespace Pactor.Core.Activity;

/// <summary>Request activity since start: totals, the most recent requests (newest first), and bytes per minute over the last hour (oldest first).</summary>
public sealed record ActivitySnapshot(
    DateTimeOffset StartedAt,
    long Requests,
    long Errors,
    SourceBytes Bytes,
    IReadOnlyList<ServedRequest> Recent,
    IReadOnlyList<MinuteBytes> Series);
