namespace Pactor.Core.Tracker;

/// <summary>The <c>event</c> parameter of an announce (BEP 3); <see cref="None"/> is a regular re-announce.</summary>
public enum AnnounceEvent
{
    None,
    Started,
    Completed,
    Stopped,
}
