using System.Net;

namespace Pactor.Core.Tracker;

/// <summary>A peer as the tracker last heard of it; keyed by <see cref="Endpoint"/>, the address its announce came from.</summary>
public sealed record TrackerPeer(IPEndPoint Endpoint, byte[] PeerId, long Left, DateTimeOffset LastSeen)
{
    public bool IsSeed => Left == 0;
}
