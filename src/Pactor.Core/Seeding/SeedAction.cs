namespace Pactor.Core.Seeding;

/// <summary>What a <see cref="SeedRun"/> did to one package's torrent.</summary>
public enum SeedAction
{
    /// <summary>Wrote a torrent for a package that had none.</summary>
    Created,

    /// <summary>Rewrote a stale torrent (package changed, other trackers, unreadable torrent).</summary>
    Refreshed,

    /// <summary>Deleted a torrent whose package is gone.</summary>
    Removed,

    /// <summary>Loaded a torrent into the client to seed the package in place.</summary>
    Loaded,

    /// <summary>Erased (data kept) a download this tool loaded whose torrent is no longer published.</summary>
    Erased,
}
