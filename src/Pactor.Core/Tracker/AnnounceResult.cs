namespace Pactor.Core.Tracker;

/// <summary>The peers handed to an announcing client (never itself) and the torrent's counts after its announce.</summary>
public sealed record AnnounceResult(IReadOnlyList<TrackerPeer> Peers, SwarmCounts Counts);
