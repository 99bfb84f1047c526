namespace Pactor.Core.Mirror;

/// <summary>Why a request was sent to an upstream mirror instead of being served from the swarm or cache.</summary>
public enum FallbackReason
{
    /// <summary>The package is not in any repo database pactor holds, so nothing could verify a swarm copy.</summary>
    NotInDatabase,

    /// <summary>The last swarm attempt for this file failed a moment ago.</summary>
    Cooldown,

    /// <summary>The swarm was not done by the hedge deadline.</summary>
    HedgeTimeout,

    /// <summary>The torrent client could not be reached.</summary>
    ClientUnavailable,

    /// <summary>The swarm download failed: no .torrent, a refused torrent, a mismatch, a client error.</summary>
    SwarmFailed,

    /// <summary>A database or signature upstream did not deliver in time.</summary>
    UpstreamSlow,
}
