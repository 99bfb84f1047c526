namespace Pactor.RTorrent;

/// <summary>rtorrent's <c>d.priority</c> values.</summary>
public enum DownloadPriority
{
    Off = 0,
    Low = 1,
    Normal = 2,
    High = 3,
}
