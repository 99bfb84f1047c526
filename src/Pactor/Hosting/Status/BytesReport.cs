using Pactor.Core.Activity;

namespace Pactor.Hosting.Status;

/// <summary>Bytes by source; <see cref="Fallback"/> is the size of the packages sent to an upstream mirror.</summary>
public sealed record BytesReport(long Cache, long Swarm, long Fallback, long Upstream)
{
    public static BytesReport From(SourceBytes bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new(bytes.Cache, bytes.Swarm, bytes.Fallback, bytes.Upstream);
    }
}
