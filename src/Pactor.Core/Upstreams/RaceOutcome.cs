namespace Pactor.Core.Upstreams;

/// <summary>
/// What an <see cref="UpstreamRace"/> came to: the lanes that ended, in the order they did, and the lane that lost
/// (still running in the background, its result unwanted), if one did.
/// </summary>
public sealed record RaceOutcome<T>(IReadOnlyList<(int Lane, T Result)> Ended, int? Lost);
