namespace Pactor.Core.Activity;

/// <summary>Where the answer to one mirror request came from.</summary>
public enum RequestSource
{
    /// <summary>A verified package (or an unchanged database) pactor already held.</summary>
    Cache,

    /// <summary>A package downloaded from the swarm for this request (or one it joined).</summary>
    Swarm,

    /// <summary>Redirected (307) to an upstream mirror: the swarm was slow, failed, or could not serve the file.</summary>
    Fallback,

    /// <summary>A database or signature pactor copied from an upstream mirror for this request.</summary>
    Upstream,

    /// <summary>Answered with an error status (400, 404, 504) or abandoned by the client.</summary>
    Error,
}
