namespace Pactor.Core.Activity;

/// <summary>
/// Bytes by source. <see cref="Fallback"/> counts the size of the packages sent to an upstream
/// mirror (pactor did not serve those bytes, the upstream did), so it compares with <see cref="Swarm"/>.
/// </summary>
public sealed record SourceBytes(long Cache, long Swarm, long Fallback, long Upstream)
{
    public static SourceBytes Zero { get; } = new(0, 0, 0, 0);

    public long Total => Cache + Swarm + Fallback + Upstream;

    /// <summary>Swarm bytes over swarm plus fallback bytes: the share of cache misses the swarm carried; null before any.</summary>
    public double? OffloadRatio => Swarm + Fallback == 0 ? null : (double)Swarm / (Swarm + Fallback);

    public SourceBytes Add(RequestSource source, long bytes) => source switch
    {
        RequestSource.Cache => this with { Cache = Cache + bytes },
        RequestSource.Swarm => this with { Swarm = Swarm + bytes },
        RequestSource.Fallback => this with { Fallback = Fallback + bytes },
        RequestSource.Upstream => this with { Upstream = Upstream + bytes },
        _ => this,
    };
}
