namespace Pactor.Core.Tracker;

/// <summary>One torrent's entry in the peer table as saved and restored: its peers and its completed count.</summary>
public sealed record SwarmRecord(string InfoHashHex, long Downloaded, IReadOnlyList<TrackerPeer> Peers);
