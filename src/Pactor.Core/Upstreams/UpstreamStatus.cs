namespace Pactor.Core.Upstreams;

public enum UpstreamStatus
{
    Ok,
    NotModified,
    NotFound,

    /// <summary>Unreachable, timed out, 5xx, or a body over the size limit.</summary>
    Failed,
}
