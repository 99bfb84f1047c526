namespace Pactor.Core.Activity;

/// <summary>Bytes by source answered during the minute starting at <paramref name="Minute"/>.</summary>
public sealed record MinuteBytes(DateTimeOffset Minute, SourceBytes Bytes);
