namespace Pactor.Core.Upstreams;

/// <summary>What pactor makes of an upstream from the outcomes of its GETs (<see cref="UpstreamHealth"/>).</summary>
public enum UpstreamState
{
    /// <summary>Its last GET was answered (or it has not been asked yet): first in line, and a redirect target.</summary>
    Healthy,

    /// <summary>
    /// Answering but slow, or serving a database older than one another upstream served, or past its backoff after a
    /// failure and waiting for a probe: asked after the healthy ones; a redirect target only when it has not failed.
    /// </summary>
    Degraded,

    /// <summary>Its last GET hung, reset, errored or came cut short: skipped until its backoff is over.</summary>
    Down,
}
