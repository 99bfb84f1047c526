namespace Pactor.Core.Upstreams;

/// <summary>One mirror's result in a <see cref="MirrorRanker"/> round: its speed, or why it failed the test.</summary>
public sealed record MirrorSpeed(MirrorUrlTemplate Mirror, double? BytesPerSecond, long Bytes, TimeSpan Elapsed, string? Error);
