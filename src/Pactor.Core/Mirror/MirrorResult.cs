namespace Pactor.Core.Mirror;

/// <summary>What the mirror answers for one request; the host turns it into HTTP.</summary>
public abstract record MirrorResult(string Source)
{
    /// <summary>A complete, verified (or upstream-copied) file on disk.</summary>
    public sealed record File(string Path, string Source) : MirrorResult(Source)
    {
        /// <summary>For a package or its signature: keeps it from eviction; the host disposes it once the response is sent.</summary>
        public Store.PackageLease? Lease { get; init; }
    }

    /// <summary>Send the client elsewhere (307): the swarm was not done in time, or cannot serve this.</summary>
    public sealed record Redirect(Uri Location, string Reason) : MirrorResult("upstream")
    {
        /// <summary>Why the client is sent upstream, for metrics.</summary>
        public FallbackReason? Cause { get; init; }

        /// <summary>The size of the package sent upstream, from the repo database; null when unknown.</summary>
        public long? Bytes { get; init; }
    }

    public sealed record NotFound(string Reason) : MirrorResult("none");

    /// <summary>Nowhere to send the client (504): pacman moves on to its next Server.</summary>
    public sealed record Unavailable(string Reason) : MirrorResult("none");
}
